package energy.mdma.edi.x12;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import energy.mdma.edi.model.AccountPeriodReport;
import energy.mdma.edi.model.Interchange867;
import energy.mdma.edi.model.InterchangeHeader;
import energy.mdma.edi.model.UsageIndicator;
import energy.mdma.edi.naming.FileNames;
import energy.mdma.edi.summary.SummaryCsv;
import energy.mdma.edi.summary.SummaryRow;
import energy.mdma.edi.testsupport.AcceptanceCheck;
import energy.mdma.edi.testsupport.ComparePy;
import energy.mdma.edi.testsupport.ExpectedSample;

/**
 * Renders the example package's expected results and has the project's {@link AcceptanceCheck} check them (and the
 * utility's compare.py too, where its kit is beside the repository).
 */
class GoldenCompareTest {
    static final String MDMA_ID = "MDMA1";
    static final String MDMA_DUNS = "123456789";
    static ExpectedSample sample;

    @BeforeAll
    static void load() throws Exception {
        sample = ExpectedSample.load();
    }

    static InterchangeHeader header(Instant created, long isa13) {
        return new InterchangeHeader(MDMA_DUNS, sample.udc().duns(), created, isa13, isa13, UsageIndicator.PRODUCTION);
    }

    static void writeSummary(Path dir, Instant created) throws Exception {
        List<SummaryRow> rows = new ArrayList<>(sample.summaryRows());
        Collections.shuffle(rows, new Random(7)); // the writer must sort
        Files.writeString(dir.resolve(FileNames.summary(MDMA_ID, sample.udc().id(), created)),
                SummaryCsv.render(rows), StandardCharsets.UTF_8);
    }

    @Test
    void oneFileForTheUdcMatchesTheExpectedResults100Percent(@TempDir Path out) throws Exception {
        Instant created = Instant.parse("2026-01-05T10:15:30Z");
        List<AccountPeriodReport> originals = sample.originals("SCE20260105-", LocalDate.of(2026, 1, 5));
        Interchange867 ic = Interchange867.of(header(created, 1), 1, originals);
        byte[] x12 = new Edi867Writer().render(ic);
        Files.write(out.resolve(FileNames.x12(MDMA_ID, sample.udc().id(), created, 1)), x12);
        writeSummary(out, created);

        AcceptanceCheck.Result check = AcceptanceCheck.check(ExpectedSample.expectedDir(), out);
        assertTrue(check.ok(), check.report());
        assertEquals("acceptance: 20/20 account-periods match, summary 26/26 rows match", check.line(), check.report());
        assertEquals(originals.size(), check.transactionSets(), check.report());

        ComparePy.runIfPresent(ExpectedSample.expectedDir(), out).ifPresent(r -> {
            assertEquals(0, r.exitCode(), r.output());
            assertEquals("acceptance: 20/20 account-periods match, summary 26/26 rows match", r.lastLine(), r.output());
            // compare.py prints "envelope errors: 0, duplicate originals: 0, format warnings: 0"
            assertTrue(r.output().contains("envelope errors: 0,") && r.output().contains("format warnings: 0")
                    && !r.output().matches("(?s).*duplicate originals: [1-9].*"), r.output());
        });
    }
}
