package energy.mdma.edi.topology;

import energy.mdma.edi.decision.SentState;
import energy.mdma.edi.keys.AccountPeriodKey;
import energy.mdma.edi.keys.CurrentReportKey;
import energy.mdma.edi.keys.ResultKey;
import energy.mdma.edi.keys.SentKey;
import energy.mdma.edi.store.NewestPeriodEnd;
import energy.mdma.edi.store.ReportId;
import energy.mdma.edi.store.StoredResult;

import energy.mdma.events.ChannelPeriodResult;
import energy.mdma.events.DocumentPosted;
import energy.mdma.events.MailboxFileKind;
import energy.mdma.events.ReportPurpose;
import energy.mdma.events.ReportRef;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.internals.WrappedStateStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The correction horizon in TopologyTestDriver with its wall clock, on the sample's results: an account-period inside
 * it is still corrected (cancellation and new original to every party that received it); one beyond it is final, its
 * state pruned, and a late result for it posts nothing. Account 3900421644 (meter M3630156) has periods ending
 * 2025-11-20 and 2025-12-22.
 */
class CorrectionHorizonTest {
    static final String ACCOUNT = "3900421644";
    static final String METER = "M3630156";
    static final SampleResults sample = SampleResults.loaded();

    @TempDir
    Path stateDir;

    static ChannelPeriodResult changed(String periodEnd) {
        ChannelPeriodResult original = sample.results.stream()
                .filter(r -> r.getMeterId().equals(METER) && r.getPeriodEnd().toString().equals(periodEnd))
                .findFirst().orElseThrow();
        ChannelPeriodResult c = ChannelPeriodResult.newBuilder(original).setVersion(2).build();
        List<Long> usage = new ArrayList<>(c.getUsage());
        usage.set(10, usage.get(10) + 1000);
        c.setUsage(usage);
        c.setTotal(c.getTotal() + 1000);
        return c;
    }

    /** The keys (as stored: their text form) that contain {@code part}. */
    static <K, V> List<String> keysContaining(KeyValueStore<K, V> store, String part) {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<K, V> it = store.all()) {
            while (it.hasNext()) {
                String key = it.next().key.toString();
                if (key.contains(part)) {
                    keys.add(key);
                }
            }
        }
        return keys;
    }

    @Test
    void aCorrectionInsideTheHorizonIsPostedAndAFinalAccountPeriodIsPrunedAndStaysAsPosted() {
        assertEquals(92, AccountPeriodProcessor.HORIZON_SLACK_DAYS);
        // a 90-day horizon; three accounts per pruning round (of 12), so that the pruning goes on over several rounds
        try (EdiTestDriver edi = new EdiTestDriver("edi-horizon-test", stateDir,
                new EdiTopology.Horizon(90, Duration.ofMinutes(1), 3))) {
            TopologyTestDriver driver = edi.driver;
            edi.masterData(sample);

            // the newest period end with data is 2025-12-29: the horizon is 2025-12-29 - 90 - 92 days = 2025-06-30
            edi.send(sample.results);
            List<DocumentPosted> first = edi.post();
            Set<String> receivers = new TreeSet<>();
            for (DocumentPosted d : first) {
                for (ReportRef r : d.getReports()) {
                    if (r.getServiceAccount().equals(ACCOUNT) && r.getPeriodEnd().toString().equals("2025-11-20")) {
                        receivers.add(d.getReceiverPartyId());
                    }
                }
            }
            assertEquals(2, receivers.size(), "the UDC and the ESP received P(11-20): " + receivers);
            KeyValueStore<ResultKey, StoredResult> current = driver.getKeyValueStore(EdiTopology.RESULTS_STORE);
            KeyValueStore<SentKey, SentState> sent = driver.getKeyValueStore(EdiTopology.SENT_STORE);
            KeyValueStore<CurrentReportKey, ReportId> currentReports =
                    driver.getKeyValueStore(EdiTopology.CURRENT_REPORTS_STORE);
            assertEquals(2, keysContaining(currentReports, ACCOUNT + "|2025-11-20").size());
            // the wall clock alone moves nothing: the sample stays inside the horizon (an old package is accepted)
            driver.advanceWallClockTime(Duration.ofDays(400));
            assertEquals(2, keysContaining(currentReports, ACCOUNT + "|2025-11-20").size());

            // results with data up to 2026-06-01 (another account's): the horizon is 2026-06-01 - 90 - 92 days =
            // 2025-12-01. The account-periods ending before are final: pruned, a pruning round (three accounts each) a
            // minute, until the pass is over
            driver.advanceWallClockTime(Duration.ofMinutes(1));
            edi.sendNewerPeriod(sample, LocalDate.parse("2026-05-01"), LocalDate.parse("2026-06-01"));
            for (int i = 0; i < 3; i++) {
                driver.advanceWallClockTime(Duration.ofMinutes(1));
            }
            assertFalse(keysContaining(current, "|2025-11-2").isEmpty(), "not all pruned in three rounds");
            for (int i = 0; i < 6; i++) {
                driver.advanceWallClockTime(Duration.ofMinutes(1));
            }
            for (String period : List.of("2025-11-20", "2025-11-24", "2025-11-28")) {
                assertEquals(List.of(), keysContaining(current, "|" + period + "|"), "results of " + period);
                assertEquals(List.of(), keysContaining(sent, "|" + period), "sent state of " + period);
                assertEquals(List.of(), keysContaining(currentReports, "|" + period), "current reports of " + period);
            }
            assertFalse(keysContaining(current, ACCOUNT + "|2025-12-22|").isEmpty(), "inside the horizon: kept");
            assertEquals(2, keysContaining(currentReports, ACCOUNT + "|2025-12-22").size());
            edi.documents.readValuesToList();

            // late results for both: P(12-22) is corrected, to both receivers; P(11-20) is final, nothing is posted
            edi.send(List.of(changed("2025-11-20"), changed("2025-12-22")));
            List<DocumentPosted> correction = edi.post().stream()
                    .filter(d -> d.getKind() == MailboxFileKind.EDI_867).toList();
            assertEquals(2, correction.size(), "one file to each receiver: " + correction);
            for (DocumentPosted d : correction) {
                assertTrue(receivers.contains(d.getReceiverPartyId()));
                assertEquals(List.of(ReportPurpose.CANCELLATION, ReportPurpose.ORIGINAL),
                        d.getReports().stream().map(ReportRef::getPurpose).toList());
                assertTrue(d.getReports().stream().allMatch(r -> r.getServiceAccount().equals(ACCOUNT)
                        && r.getPeriodEnd().equals(LocalDate.parse("2025-12-22"))), d.getReports().toString());
            }
            assertEquals(List.of(), keysContaining(current, "|2025-11-20|"), "the final result is not kept either");
        }
    }

    /**
     * A task on the state of an earlier version, which kept the newest period end in the sent store: at its first
     * punctuation the entry leaves that store and the day is derived from the stored results (the sample's newest
     * period end with data, 2025-12-29) into its own store.
     */
    @Test
    void theNewestPeriodEndOfAnEarlierVersionMovesFromTheSentStoreToItsOwn() {
        try (EdiTestDriver edi = new EdiTestDriver("edi-former-newest-test", stateDir,
                new EdiTopology.Horizon(90, Duration.ofMinutes(1), 3))) {
            TopologyTestDriver driver = edi.driver;
            KeyValueStore<ResultKey, StoredResult> current = driver.getKeyValueStore(EdiTopology.RESULTS_STORE);
            for (ChannelPeriodResult r : sample.results) {
                current.put(new ResultKey(new AccountPeriodKey(r.getServiceAccount(), r.getPeriodEnd()), r.getMeterId(),
                        r.getChannel()), StoredResult.of(r));
            }
            @SuppressWarnings("unchecked")
            KeyValueStore<Bytes, byte[]> rawSent = (KeyValueStore<Bytes, byte[]>) ((WrappedStateStore<?, ?, ?>)
                    (Object) driver.getKeyValueStore(EdiTopology.SENT_STORE)).wrapped();
            Bytes former = Bytes.wrap(SentKey.FORMER_NEWEST_PERIOD_END.format().getBytes(StandardCharsets.UTF_8));
            rawSent.put(former, "2025-12-29".getBytes(StandardCharsets.UTF_8));
            KeyValueStore<String, NewestPeriodEnd> newest = driver.getKeyValueStore(EdiTopology.NEWEST_PERIOD_END_STORE);
            assertNull(newest.get(NewestPeriodEnd.KEY));

            edi.round();
            assertNull(rawSent.get(former), "the sent store holds account-periods only");
            assertEquals(new NewestPeriodEnd(LocalDate.parse("2025-12-29")), newest.get(NewestPeriodEnd.KEY));
        }
    }
}
