package energy.mdma.edi.x12;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import energy.mdma.edi.model.AccountPeriodReport;
import energy.mdma.edi.model.ChannelReport;
import energy.mdma.edi.model.Interchange867;
import energy.mdma.edi.model.IntervalSeries;
import energy.mdma.edi.model.MeterReport;
import energy.mdma.edi.naming.FileNames;
import energy.mdma.edi.testsupport.AcceptanceCheck;
import energy.mdma.edi.testsupport.ComparePy;
import energy.mdma.edi.testsupport.ExpectedSample;

/**
 * A first file with a wrong version of one account-period, then a correction file with its
 * cancellation and the new original: the acceptance check (and the utility's compare.py, where its kit is
 * beside the repository) must take the newest original as current data.
 */
class CancellationFlowTest {
    static ExpectedSample sample;

    @BeforeAll
    static void load() throws Exception {
        sample = ExpectedSample.load();
        GoldenCompareTest.sample = sample;
    }

    /** The report with its first interval channel's total and first interval changed. */
    static AccountPeriodReport spoiled(AccountPeriodReport r, String reportId) {
        List<MeterReport> meters = new ArrayList<>();
        boolean done = false;
        for (MeterReport m : r.meters()) {
            List<ChannelReport> channels = new ArrayList<>();
            for (ChannelReport c : m.channels()) {
                if (!done && c.isInterval()) {
                    IntervalSeries s = c.intervals();
                    long[] usage = s.usage1e4().clone();
                    usage[0] += 1234;
                    c = new ChannelReport(c.channel(), c.uom(), c.total().add(new BigDecimal("0.1234")),
                            c.totalEstimated(), c.registerStart(), c.registerEnd(),
                            new IntervalSeries(s.endEpochSeconds(), usage, s.estimated()));
                    done = true;
                }
                channels.add(c);
            }
            meters.add(new MeterReport(m.meterId(), m.multiplier(), channels));
        }
        return new AccountPeriodReport(r.serviceAccount(), r.periodStart(), r.periodEnd(), r.udc(), r.esp(),
                r.customerName(), r.intervalAccount(), reportId, r.purpose(), null, r.created(), meters);
    }

    @Test
    void correctionFileMakesTheNewOriginalCurrent(@TempDir Path out) throws Exception {
        LocalDate day1 = LocalDate.of(2026, 1, 5);
        Instant t1 = Instant.parse("2026-01-05T10:15:30Z");
        Instant t2 = Instant.parse("2026-01-06T08:00:00Z");
        List<AccountPeriodReport> good = sample.originals("A-", day1);
        int victim = 0;
        while (!good.get(victim).intervalAccount()) {
            victim++;
        }
        List<AccountPeriodReport> first = new ArrayList<>(good);
        AccountPeriodReport wrong = spoiled(good.get(victim), "A-WRONG");
        first.set(victim, wrong);

        Edi867Writer writer = new Edi867Writer();
        Files.write(out.resolve(FileNames.x12("MDMA1", "SCE", t1, 1)),
                writer.render(Interchange867.of(GoldenCompareTest.header(t1, 1), 1, first)));
        GoldenCompareTest.writeSummary(out, t1);

        // without the correction the account-period does not match: the check can fail
        AcceptanceCheck.Result before = AcceptanceCheck.check(ExpectedSample.expectedDir(), out);
        assertFalse(before.ok(), before.report());
        assertTrue(before.line().startsWith("acceptance: 19/20"), before.report());
        ComparePy.runIfPresent(ExpectedSample.expectedDir(), out).ifPresent(r -> {
            assertNotEquals(0, r.exitCode(), r.output());
            assertTrue(r.lastLine().startsWith("acceptance: 19/20"), r.output());
        });

        AccountPeriodReport cancel = AccountPeriodReport.cancellationOf(wrong, "A-CANCEL", day1.plusDays(1));
        AccountPeriodReport corrected = sample.originals("B-", day1.plusDays(1)).get(victim);
        Files.write(out.resolve(FileNames.x12("MDMA1", "SCE", t2, 2)),
                writer.render(Interchange867.of(GoldenCompareTest.header(t2, 2), 1, List.of(cancel, corrected))));

        AcceptanceCheck.Result after = AcceptanceCheck.check(ExpectedSample.expectedDir(), out);
        assertTrue(after.ok(), after.report());
        assertEquals("acceptance: 20/20 account-periods match, summary 26/26 rows match", after.line(), after.report());
        assertEquals(19, after.transactionSets(), after.report());
        ComparePy.runIfPresent(ExpectedSample.expectedDir(), out).ifPresent(r -> {
            assertEquals(0, r.exitCode(), r.output());
            assertEquals("acceptance: 20/20 account-periods match, summary 26/26 rows match", r.lastLine());
            assertTrue(r.output().contains("x12 files: 2, transaction sets: 19, cancellations: 1, envelope errors: 0"),
                    r.output());
        });
    }
}
