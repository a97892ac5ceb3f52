package energy.mdma.vee.topology;

import energy.mdma.events.kafka.ChannelKey;
import energy.mdma.kafka.MasterDataDigest;
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
import java.util.Arrays;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Settling on a small synthetic channel in TopologyTestDriver, with its wall clock: a channel is evaluated once its
 * input is quiet (settle-quiet, default 15 s), at the latest at the cap (settle-max, default 3 min) after its first
 * unevaluated input; at the cap, the periods beyond the arrived data wait for the quiet time; the estimation deadline
 * still makes its own evaluation.
 *
 * <p>The channel: meter S1 (15-minute), read dates 2025-10-01, 10-31 and 11-30, so periods P(10-31) and P(11-30),
 * 0.25 in every received interval.
 */
class SettlingTest {
    static final String CYCLE = "C1";
    static final String METER = "S1";
    static final String KEY = METER + ":1";
    static final List<LocalDate> READ_DATES = List.of(LocalDate.of(2025, 10, 1), LocalDate.of(2025, 10, 31),
            LocalDate.of(2025, 11, 30));
    static final LocalDate FIRST = LocalDate.of(2025, 10, 1);

    @TempDir(factory = TmpfsTempDirFactory.class)
    Path stateDir;

    /** vee's topology with one meter channel and its read dates (the driver and topics of {@link VeeTestDriver}). */
    final class Run extends VeeTestDriver {
        /** Every version published, with the wall clock (ms since the start) of the punctuation that published it. */
        final List<Published> published = new ArrayList<>();
        final Instant start;
        Instant now;

        Run(Instant start) {
            super("vee-settling-test", stateDir, VeeTopology.Settings.defaults(), start);
            this.start = start;
            this.now = start;
            meters.pipeInput(METER, meter("f1"));
            channels.pipeInput(KEY, ChannelEvent.newBuilder().setMeterId(METER).setChannel(1).setUom(Uom.KWH)
                    .setRawUnit(RawUnit.UNIT).setPulseMultiplier(SamplePackage.decimal("1"))
                    .setMaxPulsesPerInterval(0).build());
            schedule(CYCLE, READ_DATES, null);
        }

        void send(IntervalBlock b) {
            intervals.pipeInput(KEY, b);
        }

        /** A block sent by its source at {@code sentAt} (the record's timestamp), read now. */
        void send(String key, IntervalBlock b, Instant sentAt) {
            intervals.pipeInput(key, b, sentAt);
        }

        /** Advances the wall clock a second at a time (a punctuation every 2 s, as in the service). */
        void advance(Duration d) {
            for (long s = 0; s < d.toSeconds(); s++) {
                driver.advanceWallClockTime(Duration.ofSeconds(1));
                now = now.plusSeconds(1);
                for (TestRecord<String, ChannelPeriodResult> r : results.readRecordsToList()) {
                    published.add(new Published(Duration.between(start, now).toSeconds(), r.value()));
                }
            }
        }

        /** When each version was published (seconds since the start) and its period: short enough for a message. */
        List<String> times() {
            return published.stream().map(p -> p.atSecond() + "s:" + p.result().getPeriodEnd() + "v"
                    + p.result().getVersion()).toList();
        }

        List<ChannelPeriodResult> versionsOf(LocalDate periodEnd) {
            return published.stream().map(Published::result).filter(r -> r.getPeriodEnd().equals(periodEnd)).toList();
        }
    }

    record Published(long atSecond, ChannelPeriodResult result) {
    }

    static MeterEvent meter(String sourceFileId) {
        return MeterEvent.newBuilder().setServiceAccount("SA1").setUdcId("UDC1").setEspId("ESP1")
                .setCustomerName("Customer").setMeterId(METER).setReadCycle(CYCLE).setIntervalMinutes(15).setDials(5)
                .setMeterMultiplier(SamplePackage.decimal("1")).setSourceFileId(sourceFileId).build();
    }

    /** The intervals of a local day (from position {@code from}, {@code n} of them), 0.25 each, from a file. */
    static IntervalBlock block(LocalDate day, int from, int n) {
        return block(day, from, n, SourceType.CSV);
    }

    static IntervalBlock block(LocalDate day, int from, int n, SourceType source) {
        List<Long> values = new ArrayList<>(Collections.nCopies(n, 250_000L));
        List<Integer> statuses = new ArrayList<>(Collections.nCopies(n, 0));
        return IntervalBlock.newBuilder().setMeterId(METER).setChannel(1).setIntervalMinutes(15)
                .setFirstIntervalEnd(LocalGrid.endOf(day, from, 15)).setValueScale(6).setValues(values)
                .setStatuses(statuses).setSource(Source.newBuilder().setType(source).setId("t").setSequence(1)
                        .setReceivedAt(Instant.parse("2025-12-01T00:00:00Z")).build()).build();
    }

    static IntervalBlock day(LocalDate day) {
        return block(day, 0, LocalGrid.intervalsPerDay(day, 15));
    }

    static Instant local(int year, int month, int day, int hour, int minute) {
        return LocalDateTime.of(year, month, day, hour, minute).atZone(LocalGrid.ZONE).toInstant();
    }

    @Test
    void aChannelIsEvaluatedOnceItsInputHasBeenQuietForTheQuietTime() {
        try (Run run = new Run(local(2025, 12, 15, 12, 0))) {
            run.send(day(FIRST));
            run.advance(Duration.ofSeconds(10));
            assertEquals(List.of(), run.published, "nothing before the input has been quiet for 15 s");
            run.send(day(FIRST.plusDays(1))); // pushes the quiet time to 10 + 15 s
            run.advance(Duration.ofSeconds(14));
            assertEquals(List.of(), run.published, "the second input pushed the quiet time");
            run.advance(Duration.ofSeconds(3));
            assertEquals(2, run.published.size(), "both periods once the input is quiet: " + run.published);
            assertTrue(run.published.stream().allMatch(p -> p.atSecond() >= 25 && p.atSecond() <= 27),
                    run.published.toString());
            // what is missing now is really missing: held (nothing to estimate from), published all the same
            assertTrue(run.published.stream().allMatch(p -> p.result().getVersion() == 1
                    && p.result().getState() == PeriodState.HELD), run.published.toString());
            run.advance(Duration.ofMinutes(4));
            assertEquals(2, run.published.size(), "evaluated once: " + run.published);
        }
    }

    @Test
    void aChannelWhoseBlocksWaitBehindABacklogIsNotTakenForQuiet() {
        // a head-end sent the channel's two days within a second (t0, t0 + 0.5 s), with other meters' blocks around
        // them; this task reads that backlog far slower than it was sent: a block every 4 s of the wall clock, so
        // the channel's first day is read 24 s before its second. Its quiet time (5 s) is not over at any moment:
        // the source sent nothing for 5 s, and the task never stood idle for 5 s.
        Instant t0 = Instant.parse("2025-12-15T20:00:00Z");
        try (Run run = new Run(local(2025, 12, 15, 12, 0))) {
            run.send(KEY, block(FIRST, 0, 96, SourceType.HEADEND), t0);
            for (int i = 1; i <= 6; i++) {
                run.advance(Duration.ofSeconds(4));
                run.send("OTHER" + i + ":1", otherMetersBlock(i), t0.plusMillis(70L * i));
            }
            assertEquals(List.of(), run.times(), "nothing while the backlog is read");
            assertTrue(run.exceptions.isEmpty(), "no exception (ESTIMATION_FAILED, held) on half of the channel's data");
            run.send(KEY, block(FIRST.plusDays(1), 0, 96, SourceType.HEADEND), t0.plusMillis(500));
            // the backlog is read: the task idles, the quiet time passes, the channel is evaluated once, whole
            run.advance(Duration.ofSeconds(8));
            assertEquals(2, run.published.size(), "both periods once: " + run.times());
            assertEquals(2 * 96, run.versionsOf(LocalDate.of(2025, 10, 31)).get(0).getIntervalsActual(),
                    "with both days");
        }
    }

    @Test
    void theSourceGoingOnWithoutTheChannelSettlesItBeforeTheWallClockDoes() {
        Instant t0 = Instant.parse("2025-12-15T20:00:00Z");
        try (Run run = new Run(local(2025, 12, 15, 12, 0))) {
            run.send(KEY, block(FIRST, 0, 96, SourceType.HEADEND), t0);
            // read at once: the source's other blocks of the next 6 s (the channel quiet for 5 s at the source)
            run.send("OTHER1:1", otherMetersBlock(1), t0.plusSeconds(6));
            run.advance(Duration.ofSeconds(2));
            assertEquals(2, run.published.size(), "at the first punctuation, 2 s after: " + run.times());
        }
    }

    /** Another meter's block (no master data: it only keeps the task reading). */
    static IntervalBlock otherMetersBlock(int i) {
        IntervalBlock b = block(FIRST, 0, 96, SourceType.HEADEND);
        b.setMeterId("OTHER" + i);
        return b;
    }

    @Test
    void aHeadEndsInputSettlesAfterItsShorterQuietTimeAFilesAfterTheLongerOne() {
        // defaults: 15 s after a file's input, 5 s after a head-end's
        try (Run run = new Run(local(2025, 12, 15, 12, 0))) {
            run.send(block(FIRST, 0, 96, SourceType.HEADEND));
            run.advance(Duration.ofSeconds(4));
            assertEquals(List.of(), run.times(), "not before the head-end's input has been quiet for 5 s");
            run.advance(Duration.ofSeconds(3));
            assertEquals(2, run.published.size(), "both periods 5-7 s after the head-end's block: " + run.times());
            // a file's rows for the same channel (P(10-31) changes): the longer quiet time again
            run.send(day(FIRST.plusDays(1)));
            run.advance(Duration.ofSeconds(12));
            assertEquals(2, run.published.size(), "a file's input waits 15 s: " + run.times());
            // a head-end block after the file's rows does not shorten the file's wait (the later quiet time wins)
            run.send(block(FIRST.plusDays(2), 0, 96, SourceType.HEADEND));
            run.advance(Duration.ofSeconds(2));
            assertEquals(2, run.published.size(), "still waiting for the file's quiet time: " + run.times());
            run.advance(Duration.ofSeconds(4));
            assertEquals(3, run.published.size(), "evaluated once the file's quiet time is over: " + run.times());
            long at = run.published.get(2).atSecond();
            assertTrue(at >= 22 && at <= 24, "15 s after the file's rows (second 7): " + at);
            assertEquals(LocalDate.of(2025, 10, 31), run.published.get(2).result().getPeriodEnd());
            assertEquals(3 * 96, run.published.get(2).result().getIntervalsActual());
        }
    }

    @Test
    void aHeadEndsBlockThatReachesTheEndOfAReadPeriodHasThatPeriodEvaluatedAtTheNextPunctuation() {
        // a head-end sends the channel's days in time order, 10-01 .. 10-30: the last one ends P(10-31) (the days
        // 10-01 .. 10-30); that period is published at the next punctuation, not after the quiet time; P(11-30),
        // beyond the data, waits for the quiet time
        try (Run run = new Run(local(2025, 12, 15, 12, 0))) {
            for (LocalDate d = FIRST; d.isBefore(LocalDate.of(2025, 10, 31)); d = d.plusDays(1)) {
                run.send(block(d, 0, 96, SourceType.HEADEND));
            }
            run.advance(Duration.ofSeconds(2));
            assertEquals(List.of("2s:2025-10-31v1"), run.times(), "P(10-31) at the first punctuation, alone");
            ChannelPeriodResult p = run.published.get(0).result();
            assertEquals(PeriodState.COMPLETE, p.getState());
            assertEquals(30 * 96, p.getIntervalsActual(), "every interval of 10-01 .. 10-30");
            run.advance(Duration.ofSeconds(6));
            assertEquals(List.of("2s:2025-10-31v1", "6s:2025-11-30v1"), run.times(),
                    "P(11-30) once the head-end's input has been quiet for 5 s; P(10-31) not again");
        }
    }

    @Test
    void aMeterMovedToAnotherReadCycleHasItsNewCyclesPeriodEndsSeen() {
        // the read cycle of the meters whose blocks came last is kept between blocks: a meter moved to another cycle
        // must have the new cycle's period ends seen, not the old one's
        try (Run run = new Run(local(2025, 12, 15, 12, 0))) {
            for (LocalDate d = FIRST; d.isBefore(LocalDate.of(2025, 10, 15)); d = d.plusDays(1)) {
                run.send(block(d, 0, 96, SourceType.HEADEND)); // 10-01 .. 10-14: no period of C1 or C2 ends
            }
            run.schedule("C2", List.of(FIRST, LocalDate.of(2025, 10, 16), LocalDate.of(2025, 10, 31)), null);
            run.meters.pipeInput(METER, MeterEvent.newBuilder(meter("f2")).setReadCycle("C2").build());
            run.advance(Duration.ofSeconds(40)); // the quiet time, the master data checks and their evaluations
            int before = run.published.size();
            run.send(block(LocalDate.of(2025, 10, 15), 0, 96, SourceType.HEADEND)); // reaches the end of C2's P(10-16)
            run.advance(Duration.ofSeconds(2));
            List<ChannelPeriodResult> now = run.published.subList(before, run.published.size()).stream()
                    .map(Published::result).toList();
            assertEquals(List.of(LocalDate.of(2025, 10, 16)), now.stream().map(ChannelPeriodResult::getPeriodEnd)
                    .toList(), "C2's P(10-16) at the next punctuation: " + run.times());
            assertEquals(15 * 96, now.get(0).getIntervalsActual(), "every interval of 10-01 .. 10-15");
        }
    }

    @Test
    void aHeadEndsBacklogSentNewestFirstWaitsForTheQuietTime() {
        // 10-30 first (it reaches P(10-31)'s end but continues no data of the channel), then the days before it: the
        // period is evaluated once, whole, after the quiet time - not at once on one day of data
        try (Run run = new Run(local(2025, 12, 15, 12, 0))) {
            for (LocalDate d = LocalDate.of(2025, 10, 30); !d.isBefore(FIRST); d = d.minusDays(1)) {
                run.send(block(d, 0, 96, SourceType.HEADEND));
            }
            run.advance(Duration.ofSeconds(4));
            assertEquals(List.of(), run.times(), "nothing before the quiet time");
            run.advance(Duration.ofSeconds(3));
            assertEquals(30 * 96, run.versionsOf(LocalDate.of(2025, 10, 31)).get(0).getIntervalsActual(),
                    "P(10-31) with all its days: " + run.times());
            assertEquals(1, run.versionsOf(LocalDate.of(2025, 10, 31)).size(), run.times().toString());
        }
    }

    @Test
    void aBlockThatEndsNoReadPeriodAFilesRowsAndARepeatOfArrivedDataWaitForTheQuietTime() {
        LocalDate lastOfPeriod = LocalDate.of(2025, 10, 30);
        try (Run run = new Run(local(2025, 12, 15, 12, 0))) {
            // the middle of a period (10-15): nothing closes
            run.send(block(LocalDate.of(2025, 10, 15), 0, 96, SourceType.HEADEND));
            run.advance(Duration.ofSeconds(4));
            assertEquals(List.of(), run.times(), "a head-end's day inside a period waits for its quiet time");
            run.advance(Duration.ofSeconds(3));
            int published = run.published.size();
            assertTrue(published > 0, "then it is evaluated: " + run.times());
            // a file's rows that reach P(10-31)'s end: a package's parts come in any order, the file's quiet time holds
            run.send(day(lastOfPeriod));
            run.advance(Duration.ofSeconds(12));
            assertEquals(published, run.published.size(), "a file's rows wait 15 s even at a period's end: "
                    + run.times());
            run.advance(Duration.ofSeconds(6));
            assertTrue(run.published.size() > published, "then evaluated: " + run.times());
            published = run.published.size();
            // the head-end sends 10-30 again, other values (a re-read): its data end where the channel's data ended
            IntervalBlock reRead = block(lastOfPeriod, 0, 96, SourceType.HEADEND);
            reRead.setValues(new ArrayList<>(Collections.nCopies(96, 500_000L)));
            run.send(reRead);
            run.advance(Duration.ofSeconds(4));
            assertEquals(published, run.published.size(), "data within what had arrived wait for the quiet time: "
                    + run.times());
            run.advance(Duration.ofSeconds(3));
            assertTrue(run.published.size() > published, "then P(10-31) again: " + run.times());
        }
    }

    @Test
    void theHeadEndsQuietTimeIsAtMostTheFilesOne() {
        VeeTopology.Settings s = VeeTopology.Settings.defaults();
        assertEquals(Duration.ofSeconds(5), s.settleQuiet(SourceType.HEADEND));
        assertEquals(Duration.ofSeconds(15), s.settleQuiet(SourceType.CSV));
        assertEquals(Duration.ofSeconds(15), s.settleQuiet(SourceType.CMEP));
        assertEquals(Duration.ofSeconds(2), s.withSettle(Duration.ofSeconds(2), Duration.ofSeconds(30))
                .settleQuiet(SourceType.HEADEND), "a shorter file quiet time caps the head-end's");
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> s.withHeadEndSettle(Duration.ofSeconds(16)));
    }

    @Test
    void aBacklogStillArrivingIsEvaluatedAtTheCapWithoutThePeriodsItHasNotReachedYet() {
        try (Run run = new Run(local(2025, 12, 15, 12, 0))) {
            // one day every 5 s: the input is never quiet for 15 s while the backlog arrives (48 days, 240 s)
            for (int d = 0; d < 48; d++) {
                run.send(day(FIRST.plusDays(d)));
                run.advance(Duration.ofSeconds(5));
            }
            run.advance(Duration.ofSeconds(20));
            List<ChannelPeriodResult> first = run.versionsOf(LocalDate.of(2025, 10, 31));
            List<ChannelPeriodResult> second = run.versionsOf(LocalDate.of(2025, 11, 30));
            // the cap: 3 minutes after the first input, while the input still arrives, P(10-31) is behind the edge
            // of the arrived data (36 days by then): published, complete and final
            assertEquals(1, first.size(), run.published.toString());
            long firstAt = run.published.stream().filter(p -> p.result() == first.get(0)).findFirst().orElseThrow()
                    .atSecond();
            assertTrue(firstAt >= 180 && firstAt <= 182, "published at the cap, not before and not later: " + firstAt);
            assertEquals(PeriodState.COMPLETE, first.get(0).getState());
            assertEquals(0, first.get(0).getIntervalsEstimated());
            // P(11-30): its trailing days had not arrived at the cap; they would have been estimated there (their
            // deadline passed long ago) and replaced later. It waits until the input is quiet (last day at 235 s)
            assertEquals(1, second.size(), "one version of P(11-30), no interim: " + second);
            long secondAt = run.published.stream().filter(p -> p.result() == second.get(0)).findFirst().orElseThrow()
                    .atSecond();
            assertTrue(secondAt >= 250 && secondAt <= 252, "published once the input is quiet: " + secondAt);
            // the days after 11-17 never come: they are really missing and estimated (from reference days)
            assertEquals(PeriodState.COMPLETE, second.get(0).getState());
            assertEquals(12 * 96, second.get(0).getIntervalsEstimated());
            assertTrue(run.published.stream().allMatch(p -> p.result().getVersion() == 1), run.published.toString());
        }
    }

    @Test
    void theEstimationDeadlineStillMakesItsOwnEvaluation() {
        // the last day (11-29) ends at 21:00: its 12 trailing intervals become due at 02:00 on 11-30
        try (Run run = new Run(local(2025, 11, 30, 1, 58))) {
            for (LocalDate d = FIRST; d.isBefore(LocalDate.of(2025, 11, 29)); d = d.plusDays(1)) {
                run.send(day(d));
            }
            run.send(block(LocalDate.of(2025, 11, 29), 0, 84));
            run.advance(Duration.ofSeconds(20));
            List<ChannelPeriodResult> before = run.versionsOf(LocalDate.of(2025, 11, 30));
            assertEquals(1, before.size(), run.published.toString());
            assertEquals(PeriodState.PENDING, before.get(0).getState(), "not due before 02:00");
            run.advance(Duration.ofSeconds(95)); // to 01:59:55
            assertEquals(1, run.versionsOf(LocalDate.of(2025, 11, 30)).size());
            run.advance(Duration.ofSeconds(10));
            List<ChannelPeriodResult> after = run.versionsOf(LocalDate.of(2025, 11, 30));
            assertEquals(2, after.size(), "the deadline evaluated the channel again: " + run.published);
            assertEquals(PeriodState.COMPLETE, after.get(1).getState());
            assertEquals(2, after.get(1).getVersion());
            assertEquals(12, after.get(1).getIntervalsEstimated());
            long at = run.published.get(run.published.size() - 1).atSecond();
            assertTrue(at >= 120 && at <= 122, "at 02:00: " + at);
        }
    }

    @Test
    void aReSentUnchangedMeterRecordEvaluatesNothingAgain() {
        try (Run run = new Run(local(2025, 12, 15, 12, 0))) {
            // a held period raises ESTIMATION_FAILED at every evaluation: an evaluation shows there
            run.send(day(FIRST));
            run.advance(Duration.ofSeconds(20));
            assertEquals(2, run.published.size());
            assertTrue(run.exceptions.readValuesToList().size() >= 1, "the held periods raise exceptions");
            // meters.csv uploaded again: same meter, other file
            run.meters.pipeInput(METER, meter("f2"));
            run.advance(Duration.ofSeconds(30)); // master data checks and punctuations
            assertEquals(2, run.published.size(), "nothing published");
            assertEquals(List.of(), run.exceptions.readValuesToList(), "nothing evaluated again");
            // a real change is still seen: another multiplier evaluates the channel again (and changes its usage)
            run.meters.pipeInput(METER, MeterEvent.newBuilder(meter("f3"))
                    .setMeterMultiplier(SamplePackage.decimal("2")).build());
            run.advance(Duration.ofSeconds(30));
            assertTrue(run.exceptions.readValuesToList().size() >= 1, "evaluated again after a real change");
        }
    }

    @Test
    void aFingerprintStoredByAFormerVersionIsTakenOverWithoutEvaluatingAgain() {
        try (Run run = new Run(local(2025, 12, 15, 12, 0))) {
            run.send(day(FIRST));
            run.advance(Duration.ofSeconds(20));
            assertTrue(run.exceptions.readValuesToList().size() >= 1);
            // the store as a former version left it: the fingerprint of the records' text, source file id included
            KeyValueStore<ChannelKey, MasterDataDigest> seen =
                    run.driver.getKeyValueStore(VeeTopology.MASTER_DATA_SEEN_STORE);
            ChannelEvent channel = ChannelEvent.newBuilder().setMeterId(METER).setChannel(1).setUom(Uom.KWH)
                    .setRawUnit(RawUnit.UNIT).setPulseMultiplier(SamplePackage.decimal("1")).setMaxPulsesPerInterval(0)
                    .build();
            seen.put(ChannelKey.parse(KEY),
                    new MasterDataDigest(ChannelMasterDataFingerprint.former(meter("f1"), channel, READ_DATES)));
            // the channels are gone over when master data arrive (and once at every start, as after the upgrade that
            // found this store): the same meter again
            run.meters.pipeInput(METER, meter("f1"));
            run.advance(Duration.ofSeconds(30));
            assertEquals(List.of(), run.exceptions.readValuesToList(), "nothing evaluated again");
            assertEquals(2, run.published.size());
            assertTrue(Arrays.equals(new ChannelMasterDataFingerprint().of(meter("f1"), channel, READ_DATES),
                    seen.get(ChannelKey.parse(KEY)).bytes()), "the fingerprint is stored as this version computes it");
        }
    }
}
