package energy.mdma.vee.topology;

import energy.mdma.events.kafka.ChannelKey;
import energy.mdma.vee.state.ChannelBounds;
import energy.mdma.vee.state.ChannelDayKey;
import energy.mdma.vee.state.NewestDay;
import energy.mdma.vee.state.NewestDaySerde;
import energy.mdma.vee.state.StoredRegisters;
import energy.mdma.events.ChannelEvent;
import energy.mdma.events.ChannelPeriodResult;
import energy.mdma.events.IntervalBlock;
import energy.mdma.events.MeterEvent;
import energy.mdma.events.PeriodState;
import energy.mdma.events.RawUnit;
import energy.mdma.events.Source;
import energy.mdma.events.SourceType;
import energy.mdma.events.Uom;
import energy.mdma.vee.model.LocalGrid;
import energy.mdma.vee.model.VeeParameterCatalog;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.internals.WrappedStateStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rounds bounded by channels (a round that stops early goes on at the next one, nothing lost) and the correction
 * horizon (periods older are final and their state is pruned; a correction inside it still publishes a new version),
 * in TopologyTestDriver with its wall clock.
 *
 * <p>Channels {@code Mn:1} (15-minute), read dates 2025-10-01, 10-31 and 11-30: periods P(10-31) and P(11-30).
 */
class RoundsAndHorizonTest {
    static final String CYCLE = "C1";
    static final List<LocalDate> READ_DATES = List.of(LocalDate.of(2025, 10, 1), LocalDate.of(2025, 10, 31),
            LocalDate.of(2025, 11, 30));
    static final LocalDate FIRST = LocalDate.of(2025, 10, 1);

    @TempDir(factory = TmpfsTempDirFactory.class)
    Path stateDir;

    final class Run implements AutoCloseable {
        final TopologyTestDriver driver;
        final TestInputTopic<String, IntervalBlock> intervals;
        final TestInputTopic<String, MeterEvent> meterTopic;
        final TestInputTopic<String, ChannelEvent> channels;
        final String[] meters;
        final VeeTestDriver fixture;
        final TestOutputTopic<String, ChannelPeriodResult> results;
        /** The results of each second the clock was advanced by {@link #advance}, in order. */
        final List<List<ChannelPeriodResult>> perSecond = new ArrayList<>();

        Run(Instant start, VeeTopology.Rounds rounds, String... meters) {
            VeeTestDriver d = new VeeTestDriver("vee-rounds-test", stateDir,
                    VeeTopology.Settings.defaults().withRounds(rounds), start);
            driver = d.driver;
            meterTopic = d.meters;
            channels = d.channels;
            intervals = d.intervals;
            results = d.results;
            this.fixture = d;
            this.meters = meters;
            masterData("meters-1.csv", "1");
        }

        /** The meters, channels and read dates, as a file {@code fileId} carries them. */
        void masterData(String fileId, String multiplier) {
            for (String m : meters) {
                meterTopic.pipeInput(m, MeterEvent.newBuilder().setServiceAccount("SA-" + m).setUdcId("UDC1")
                        .setEspId("ESP1").setCustomerName("Customer").setMeterId(m).setReadCycle(CYCLE)
                        .setIntervalMinutes(15).setDials(5).setMeterMultiplier(SamplePackage.decimal(multiplier))
                        .setSourceFileId(fileId).build());
                channels.pipeInput(m + ":1", ChannelEvent.newBuilder().setMeterId(m).setChannel(1).setUom(Uom.KWH)
                        .setRawUnit(RawUnit.UNIT).setPulseMultiplier(SamplePackage.decimal("1"))
                        .setMaxPulsesPerInterval(0).setSourceFileId(fileId).build());
            }
            fixture.schedule(CYCLE, READ_DATES, fileId);
        }

        /** vee's counter of channel evaluations (stream-vee-metrics evaluations-total). */
        double evaluations() {
            return driver.metrics().entrySet().stream()
                    .filter(e -> e.getKey().name().equals("evaluations-total")
                            && e.getKey().group().equals("stream-vee-metrics"))
                    .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue()).sum();
        }

        /** Channels vee compared with their master data (stream-vee-metrics master-data-checks-total). */
        double masterDataChecks() {
            return driver.metrics().entrySet().stream()
                    .filter(e -> e.getKey().name().equals("master-data-checks-total")
                            && e.getKey().group().equals("stream-vee-metrics"))
                    .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue()).sum();
        }

        void sendDays(String meter, LocalDate from, LocalDate toExclusive, long value) {
            for (LocalDate d = from; d.isBefore(toExclusive); d = d.plusDays(1)) {
                intervals.pipeInput(meter + ":1", day(meter, d, value));
            }
        }

        /** Advances the wall clock a second at a time (a punctuation every 2 s, as in the service). */
        List<ChannelPeriodResult> advance(Duration d) {
            List<ChannelPeriodResult> all = new ArrayList<>();
            for (long s = 0; s < d.toSeconds(); s++) {
                driver.advanceWallClockTime(Duration.ofSeconds(1));
                List<ChannelPeriodResult> now = results.readValuesToList();
                perSecond.add(now);
                all.addAll(now);
            }
            return all;
        }

        /** Moves the wall clock on by a long time in one step: every punctuation runs once. */
        List<ChannelPeriodResult> jump(Duration d) {
            driver.advanceWallClockTime(d);
            return results.readValuesToList();
        }

        KeyValueStore<Object, Object> store(String name) {
            return driver.getKeyValueStore(name);
        }

        /** A channel's dated record ({@code meterId:channel:YYYY-MM-DD}) in the days or published store. */
        Object dated(String storeName, String key) {
            return store(storeName).get(ChannelDayKey.parse(key));
        }

        List<String> keys(String storeName) {
            List<String> keys = new ArrayList<>();
            try (KeyValueIterator<Object, Object> it = store(storeName).all()) {
                it.forEachRemaining((KeyValue<Object, Object> kv) -> keys.add(kv.key.toString()));
            }
            return keys;
        }

        @Override
        public void close() {
            driver.close();
        }
    }

    /** The 96 intervals of a local day, {@code value} (scale 6) each. */
    static IntervalBlock day(String meter, LocalDate day, long value) {
        int n = LocalGrid.intervalsPerDay(day, 15);
        return IntervalBlock.newBuilder().setMeterId(meter).setChannel(1).setIntervalMinutes(15)
                .setFirstIntervalEnd(LocalGrid.endOf(day, 0, 15)).setValueScale(6)
                .setValues(new ArrayList<>(Collections.nCopies(n, value)))
                .setStatuses(new ArrayList<>(Collections.nCopies(n, 0)))
                .setSource(Source.newBuilder().setType(SourceType.CSV).setId("t").setSequence(1)
                        .setReceivedAt(Instant.parse("2025-12-01T00:00:00Z")).build()).build();
    }

    static Set<String> meters(List<ChannelPeriodResult> results) {
        Set<String> m = new TreeSet<>();
        results.forEach(r -> m.add(r.getMeterId()));
        return m;
    }

    @Test
    void aRoundStopsAtItsBoundAndTheNextOneGoesOnWithNothingLost() {
        VeeTopology.Rounds oneChannel = new VeeTopology.Rounds(1, Duration.ofSeconds(20), 400, Duration.ofMinutes(1));
        try (Run run = new Run(SettlingTest.local(2025, 12, 15, 12, 0), oneChannel, "R1", "R2", "R3")) {
            for (String m : List.of("R1", "R2", "R3")) {
                run.sendDays(m, FIRST, LocalDate.of(2025, 11, 30), 250_000L);
            }
            List<ChannelPeriodResult> all = run.advance(Duration.ofSeconds(40));
            // each round (punctuation) evaluated one channel: its two periods, never more than one channel's
            List<Set<String>> rounds = run.perSecond.stream().filter(l -> !l.isEmpty()).map(RoundsAndHorizonTest::meters)
                    .toList();
            assertEquals(3, rounds.size(), "three rounds, one channel each: " + rounds);
            rounds.forEach(r -> assertEquals(1, r.size(), rounds.toString()));
            assertEquals(Set.of("R1", "R2", "R3"), meters(all), "the rounds went on until every channel was evaluated");
            assertEquals(6, all.size(), "two periods per channel, once each");
            assertTrue(all.stream().allMatch(r -> r.getVersion() == 1 && r.getState() == PeriodState.COMPLETE),
                    all.toString());
            assertEquals(List.of(), run.keys(VeeTopology.DIRTY_STORE), "nothing left to evaluate");
            // and the master data check, also one channel per round, finds nothing changed in any of them
            assertEquals(List.of(), run.advance(Duration.ofSeconds(60)));
        }
    }

    @Test
    void reSentUnchangedMasterDataEvaluatesNothingAndQuietMasterDataAreNotCheckedAgain() {
        try (Run run = new Run(SettlingTest.local(2025, 12, 15, 12, 0), VeeTopology.Rounds.DEFAULT, "F1", "F2")) {
            run.sendDays("F1", FIRST, LocalDate.of(2025, 11, 30), 250_000L);
            run.sendDays("F2", FIRST, LocalDate.of(2025, 11, 30), 250_000L);
            assertEquals(4, run.advance(Duration.ofSeconds(20)).size());
            assertEquals(2.0, run.evaluations(), "each channel evaluated once");
            assertEquals(2.0, run.masterDataChecks(), "one pass over the two channels: the master data had arrived");
            assertEquals(List.of(), run.advance(Duration.ofMinutes(5)));
            assertEquals(2.0, run.masterDataChecks(), "no master data arrived since: no channel looked at (the check "
                    + "runs every 10 s)");
            // meters.csv, channels.csv and the schedule uploaded again, the same rows in other files
            run.masterData("meters-2.csv", "1");
            assertEquals(List.of(), run.advance(Duration.ofSeconds(60)), "no new version");
            assertEquals(2.0, run.evaluations(), "nothing evaluated again (master data checks every 10 s)");
            assertEquals(4.0, run.masterDataChecks(), "master data arrived: one more pass, then quiet again");
            // a real change is still seen: another multiplier evaluates both channels again and changes their usage
            run.masterData("meters-3.csv", "2");
            List<ChannelPeriodResult> changed = run.advance(Duration.ofSeconds(30));
            assertEquals(4, changed.size(), changed.toString());
            assertTrue(changed.stream().allMatch(r -> r.getVersion() == 2), changed.toString());
            assertEquals(4.0, run.evaluations());
        }
    }

    @Test
    void aCorrectionInsideTheHorizonIsPublishedAndTheStateBeyondItIsPruned() {
        int horizonDays = 60;
        int keepDays = VeeTopology.Rounds.keepDaysBeforeHorizon(VeeParameterCatalog.defaultsOnly());
        assertEquals(90, keepDays, "the longest read period (62 days) and the like-day look-back (28)");
        VeeTopology.Rounds rounds = new VeeTopology.Rounds(5_000, Duration.ofSeconds(20), horizonDays,
                Duration.ofMinutes(1));
        // the wall clock is far ahead: the horizon counts from the newest data (a history fed in at once is evaluated)
        try (Run run = new Run(SettlingTest.local(2026, 9, 1, 12, 0), rounds, "H1", "H2")) {
            run.sendDays("H1", FIRST, LocalDate.of(2025, 11, 30), 250_000L);
            List<ChannelPeriodResult> first = ofH1(run.advance(Duration.ofSeconds(20)));
            assertEquals(2, first.size(), first.toString());
            assertNotNull(run.dated(VeeTopology.PUBLISHED_STORE, "H1:1:2025-10-31"));

            // newer data (another channel of the task) up to 2026-01-20: the horizon is 2025-11-21. P(11-30) can
            // still be corrected, P(10-31) is final: its published state is pruned at the next pruning round; the days
            // are kept (from 90 days before the horizon: 2025-08-23)
            run.sendDays("H2", LocalDate.of(2026, 1, 20), LocalDate.of(2026, 1, 21), 250_000L);
            run.advance(Duration.ofSeconds(61));
            assertNull(run.dated(VeeTopology.PUBLISHED_STORE, "H1:1:2025-10-31"), "a final period is pruned");
            assertNotNull(run.dated(VeeTopology.PUBLISHED_STORE, "H1:1:2025-11-30"));
            assertNotNull(run.dated(VeeTopology.DAYS_STORE, "H1:1:2025-10-01"), "days inside the kept ones stay");

            // late data for both periods: the one inside the horizon gets a new version, the final one nothing
            run.intervals.pipeInput("H1:1", day("H1", LocalDate.of(2025, 11, 10), 500_000L));
            run.intervals.pipeInput("H1:1", day("H1", LocalDate.of(2025, 10, 10), 500_000L));
            List<ChannelPeriodResult> corrected = ofH1(run.advance(Duration.ofSeconds(20)));
            assertEquals(1, corrected.size(), "only the period inside the horizon: " + corrected);
            ChannelPeriodResult v2 = corrected.get(0);
            assertEquals(LocalDate.of(2025, 11, 30), v2.getPeriodEnd());
            assertEquals(2, v2.getVersion());
            assertEquals(PeriodState.COMPLETE, v2.getState());
            assertEquals(96, v2.getChangedIntervals().size());
            long v1Total = first.stream().filter(r -> r.getPeriodEnd().equals(v2.getPeriodEnd())).findFirst()
                    .orElseThrow().getTotal();
            assertEquals(v1Total + 96 * 2_500L, (long) v2.getTotal(), "0.25 more in each interval of 11-10");

            // data up to 2026-08-08: the horizon is 2026-06-09, the kept days start 2026-03-11: all of H1 is gone
            run.sendDays("H2", LocalDate.of(2026, 8, 8), LocalDate.of(2026, 8, 9), 250_000L);
            run.advance(Duration.ofSeconds(61));
            for (String store : List.of(VeeTopology.DAYS_STORE, VeeTopology.PUBLISHED_STORE, VeeTopology.BOUNDS_STORE,
                    VeeTopology.MASTER_DATA_SEEN_STORE, VeeTopology.DIRTY_STORE, VeeTopology.EDITS_STORE)) {
                assertEquals(List.of(), run.keys(store).stream().filter(k -> k.startsWith("H1:")).toList(),
                        store + " holds nothing of H1 beyond the horizon");
            }
            assertEquals(List.of("H2:1:2026-08-08"), run.keys(VeeTopology.DAYS_STORE), "H2's older day went too");
            // input that old is not stored and publishes nothing
            run.intervals.pipeInput("H1:1", day("H1", LocalDate.of(2025, 11, 12), 750_000L));
            assertEquals(List.of(), ofH1(run.advance(Duration.ofSeconds(30))));
            assertEquals(List.of("H2:1:2026-08-08"), run.keys(VeeTopology.DAYS_STORE));
        }
    }

    @Test
    void aReadingDatedInTheFutureDoesNotMoveTheHorizon() {
        VeeTopology.Rounds rounds = new VeeTopology.Rounds(5_000, Duration.ofSeconds(20), 60, Duration.ofMinutes(1));
        try (Run run = new Run(SettlingTest.local(2025, 12, 15, 12, 0), rounds, "H1", "H2")) {
            run.sendDays("H1", FIRST, LocalDate.of(2025, 11, 30), 250_000L);
            assertEquals(2, ofH1(run.advance(Duration.ofSeconds(20))).size());
            // a block dated 2030: the data's today is the wall clock's date (2025-12-15), the horizon 2025-10-16
            run.sendDays("H2", LocalDate.of(2030, 1, 1), LocalDate.of(2030, 1, 2), 250_000L);
            run.advance(Duration.ofSeconds(61));
            assertNotNull(run.dated(VeeTopology.PUBLISHED_STORE, "H1:1:2025-10-31"), "still inside the horizon");
            assertNotNull(run.dated(VeeTopology.DAYS_STORE, "H1:1:2025-10-01"));
            run.intervals.pipeInput("H1:1", day("H1", LocalDate.of(2025, 10, 10), 500_000L));
            List<ChannelPeriodResult> corrected = ofH1(run.advance(Duration.ofSeconds(20)));
            assertEquals(List.of(LocalDate.of(2025, 10, 31)), corrected.stream().map(ChannelPeriodResult::getPeriodEnd)
                    .toList(), "P(10-31) is still corrected");
        }
    }

    @Test
    void theNewestDayOfAnEarlierVersionMovesFromTheBoundsStoreToItsOwn() {
        VeeTopology.Rounds rounds = new VeeTopology.Rounds(5_000, Duration.ofSeconds(20), 60, Duration.ofMinutes(1));
        try (Run run = new Run(SettlingTest.local(2026, 9, 1, 12, 0), rounds, "H1", "H2")) {
            // a task's state as an earlier version left it: X2's bounds (data of 2026-08-08, no master data), a register reading of
            // 2026-08-20 (H3), and the newest day in the bounds store under its former key, in its 8 bytes
            LocalDate x2Day = LocalDate.of(2026, 8, 8);
            run.store(VeeTopology.BOUNDS_STORE).put("X2:1", new ChannelBounds(
                    LocalGrid.endOf(x2Day, 0, 15).getEpochSecond(), LocalGrid.endOf(x2Day, 95, 15).getEpochSecond()));
            StoredRegisters h3 = new StoredRegisters();
            h3.readings.put(SettlingTest.local(2026, 8, 20, 23, 0).toEpochMilli(), 1234L);
            run.store(VeeTopology.REGISTERS_STORE).put(new ChannelKey("H3", 1), h3);
            KeyValueStore<Bytes, byte[]> rawBounds = rawStore(run.driver, VeeTopology.BOUNDS_STORE);
            Bytes formerKey = Bytes.wrap(ChannelVeeProcessor.FORMER_NEWEST_DAY_KEY.getBytes(StandardCharsets.UTF_8));
            rawBounds.put(formerKey, new NewestDaySerde().serialize("t", new NewestDay(x2Day.toEpochDay())));
            assertNull(run.store(VeeTopology.NEWEST_DAY_STORE).get(NewestDay.KEY));

            // the first record: the former entry leaves the bounds store, the newest day is derived from the stored
            // data (2026-08-20, the register reading) and kept in its own store; the horizon counts from it
            // (2026-06-21, kept days from 2026-03-23), so a day of 2025 is not stored
            run.intervals.pipeInput("H1:1", day("H1", LocalDate.of(2025, 11, 12), 750_000L));
            assertNull(rawBounds.get(formerKey), "the bounds store holds channels' bounds only");
            assertEquals(new NewestDay(LocalDate.of(2026, 8, 20).toEpochDay()),
                    run.store(VeeTopology.NEWEST_DAY_STORE).get(NewestDay.KEY));
            assertEquals(List.of(), run.keys(VeeTopology.DAYS_STORE), "beyond the horizon of the derived newest day");
            // the rounds that read the whole bounds store (master data check, pruning) run over channels only
            assertEquals(List.of(), run.advance(Duration.ofSeconds(61)));
            assertEquals(List.of("X2:1"), run.keys(VeeTopology.BOUNDS_STORE));

            // newer data moves the stored newest day on
            run.sendDays("H2", LocalDate.of(2026, 8, 31), LocalDate.of(2026, 9, 1), 250_000L);
            assertEquals(new NewestDay(LocalDate.of(2026, 8, 31).toEpochDay()),
                    run.store(VeeTopology.NEWEST_DAY_STORE).get(NewestDay.KEY));
        }
    }

    /** The bytes store under a store's typed layers (metered, then caching or logging), as an earlier version wrote. */
    @SuppressWarnings("unchecked")
    static KeyValueStore<Bytes, byte[]> rawStore(TopologyTestDriver driver, String name) {
        return (KeyValueStore<Bytes, byte[]>) ((WrappedStateStore<?, ?, ?>) (Object) driver.getKeyValueStore(name)).wrapped();
    }

    static List<ChannelPeriodResult> ofH1(List<ChannelPeriodResult> results) {
        return results.stream().filter(r -> r.getMeterId().equals("H1")).toList();
    }
}
