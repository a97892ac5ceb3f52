package energy.mdma.vee.topology;

import energy.mdma.events.ChannelPeriodResult;
import energy.mdma.events.EditAction;
import energy.mdma.events.EditedInterval;
import energy.mdma.events.IntervalBlock;
import energy.mdma.events.IntervalQuality;
import energy.mdma.events.ManualEdit;
import energy.mdma.events.MeterEvent;
import energy.mdma.events.PeriodState;
import energy.mdma.events.RegisterReading;
import energy.mdma.events.TimeRange;
import energy.mdma.events.VeeException;
import energy.mdma.events.kafka.ScheduleKey;
import energy.mdma.events.kafka.Topics;
import energy.mdma.testsupport.ExamplePackage;
import java.util.Comparator;
import java.util.TreeMap;
import java.util.function.IntConsumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The VEE topology on the sample package, in TopologyTestDriver: expected results, order independence, deadline, edits. */
class VeeTopologyTest {
    static SamplePackage sample;
    static ExpectedResults expected;
    static final Instant WALL_CLOCK = Instant.parse("2026-02-01T00:00:00Z");

    @TempDir(factory = TmpfsTempDirFactory.class)
    Path stateDir;

    @BeforeAll
    static void load() throws Exception {
        sample = SamplePackage.load(ExamplePackage.dir());
        expected = new ExpectedResults(ExamplePackage.file("expected/expected.json"));
    }

    /** vee's topology on the sample's meters and channels (the driver and topics of {@link VeeTestDriver}). */
    final class Run extends VeeTestDriver {
        final Map<String, ChannelPeriodResult> latest = new HashMap<>();
        final List<ChannelPeriodResult> all = new ArrayList<>();

        Run(Instant start) {
            this(start, true);
        }

        Run(Instant start, boolean withSchedule) {
            super("vee-test", stateDir, VeeTopology.Settings.defaults(), start, exactlyOnce());
            sample.meters.forEach(m -> meters.pipeInput(m.getMeterId(), m));
            sample.channels.forEach(c -> channels.pipeInput(Topics.channelKey(c.getMeterId(), c.getChannel()), c));
            if (withSchedule) {
                sendSchedule();
            }
        }

        /**
         * The operator's edit "e1" of M7471082:1's held period ending 2025-11-28 (held, as read by {@link #evaluate}):
         * 500 for each of its first six intervals, the ones without a value.
         */
        void editTheHeldIntervals(ChannelPeriodResult held) {
            List<EditedInterval> values = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                values.add(new EditedInterval(held.getFirstIntervalEnd().plusSeconds(900L * i), 500L));
            }
            edits.pipeInput("M7471082:1", ManualEdit.newBuilder().setEditId("e1").setMeterId("M7471082").setChannel(1)
                    .setPeriodEnd(LocalDate.of(2025, 11, 28)).setIntervals(values).setReason("customer confirmed usage")
                    .setEditedBy("operator").setEditedAt(WALL_CLOCK).build());
        }

        void sendSchedule() {
            sample.schedule.forEach(s -> schedules.pipeInput(new ScheduleKey(s.getReadCycle(), s.getReadDate()).format(), s));
        }

        void send(List<IntervalBlock> blocks, List<RegisterReading> readings) {
            blocks.forEach(b -> intervals.pipeInput(Topics.channelKey(b.getMeterId(), b.getChannel()), b));
            readings.forEach(r -> registers.pipeInput(Topics.channelKey(r.getMeterId(), r.getChannel()), r));
        }

        /** Lets the input settle (quiet time, plus a punctuation) and collects what was published. */
        Map<String, ChannelPeriodResult> evaluate() {
            driver.advanceWallClockTime(VeeTopology.Settings.DEFAULT_SETTLE_QUIET.plusSeconds(3));
            return collect();
        }

        /** Advances the wall clock a second at a time (the punctuations as in the service) and collects. */
        Map<String, ChannelPeriodResult> tick(int seconds) {
            for (int i = 0; i < seconds; i++) {
                driver.advanceWallClockTime(Duration.ofSeconds(1));
                collect();
            }
            return latest;
        }

        Map<String, ChannelPeriodResult> collect() {
            for (TestRecord<String, ChannelPeriodResult> r : results.readRecordsToList()) {
                all.add(r.value());
                latest.put(ExpectedResults.key(r.value()), r.value());
            }
            return latest;
        }
    }

    private static Properties exactlyOnce() {
        Properties p = new Properties();
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        return p;
    }

    @Test
    void samplePackageGivesTheExpectedResults() {
        try (Run run = new Run(WALL_CLOCK)) {
            run.send(sample.blocks, sample.registers);
            Map<String, ChannelPeriodResult> results = run.evaluate();
            List<String> problems = expected.mismatches(results);
            assertEquals(List.of(), problems, problems.size() + " mismatches");
            assertEquals(expected.channelPeriods(), results.size());
            // every result key is the service account (the 867 is per account)
            assertTrue(run.all.stream().allMatch(r -> r.getVersion() == 1), "one version per channel-period");
            List<VeeException> ex = run.exceptions.readValuesToList();
            assertTrue(ex.stream().anyMatch(e -> e.getMeterId().equals("M7471082") && e.getCode().equals("ESTIMATION_FAILED")), ex.toString());
        }
    }

    @Test
    void resultsDoNotDependOnArrivalOrder() {
        Map<String, ChannelPeriodResult> reference;
        try (Run run = new Run(WALL_CLOCK)) {
            run.send(sample.blocks, sample.registers);
            reference = content(run.evaluate());
        }
        // days reversed, evaluated in between
        List<IntervalBlock> reversed = new ArrayList<>(sample.blocks);
        Collections.reverse(reversed);
        List<RegisterReading> readings = new ArrayList<>(sample.registers);
        Collections.reverse(readings);
        try (Run run = new Run(WALL_CLOCK)) {
            int half = reversed.size() / 2;
            run.send(reversed.subList(0, half), readings.subList(0, readings.size() / 2));
            run.evaluate();
            run.send(reversed.subList(half, reversed.size()), readings.subList(readings.size() / 2, readings.size()));
            assertEquals(reference, content(run.evaluate()));
        }
        // shuffled, split in chunks, one chunk sent twice, a day first sent with changed values then re-sent
        List<IntervalBlock> shuffled = new ArrayList<>(sample.blocks);
        Collections.shuffle(shuffled, new Random(7));
        try (Run run = new Run(WALL_CLOCK)) {
            IntervalBlock changed = IntervalBlock.newBuilder(shuffled.get(0)).build();
            List<Long> v = new ArrayList<>(changed.getValues());
            v.replaceAll(x -> x + 1_000_000);
            changed.setValues(v);
            run.send(List.of(changed), List.of());
            run.evaluate();
            for (int i = 0; i < shuffled.size(); i += 500) {
                run.send(shuffled.subList(i, Math.min(shuffled.size(), i + 500)), List.of());
                if (i % 1500 == 0) {
                    run.evaluate();
                }
            }
            run.send(shuffled.subList(0, Math.min(500, shuffled.size())), sample.registers);
            assertEquals(reference, content(run.evaluate()));
            // late data made new versions of periods already published, and each records what changed
            assertTrue(run.latest.values().stream().anyMatch(r -> r.getVersion() > 1));
            run.latest.values().stream().filter(r -> r.getVersion() > 1)
                    .forEach(r -> assertTrue(r.getChangeReason() != null && r.getChangeReason().startsWith("changed:"), r.getChangeReason()));
        }
    }

    @Test
    void aDaySentInPartsInTimeOrderKeepsEveryPart() {
        // the later part of a day arrives after the earlier part is stored: it is merged into the stored day (the
        // processor reads only the days its bounds say are stored), never written over it
        List<IntervalBlock> parts = new ArrayList<>();
        for (IntervalBlock b : sample.blocks) {
            int half = b.getValues().size() / 2;
            if (half == 0) {
                parts.add(b);
                continue;
            }
            parts.add(IntervalBlock.newBuilder(b).setValues(b.getValues().subList(0, half))
                    .setStatuses(b.getStatuses().subList(0, half)).build());
            parts.add(IntervalBlock.newBuilder(b)
                    .setFirstIntervalEnd(b.getFirstIntervalEnd().plusSeconds(b.getIntervalMinutes() * 60L * half))
                    .setValues(b.getValues().subList(half, b.getValues().size()))
                    .setStatuses(b.getStatuses().subList(half, b.getStatuses().size())).build());
        }
        parts.sort(Comparator.comparing(IntervalBlock::getFirstIntervalEnd));
        try (Run run = new Run(WALL_CLOCK)) {
            run.send(parts, sample.registers);
            Map<String, ChannelPeriodResult> results = run.evaluate();
            assertEquals(List.of(), expected.mismatches(results));
            assertEquals(expected.channelPeriods(), results.size());
        }
    }

    /** The sample as a catch-up brings it: intervals and register readings of all meters in time order. */
    private static List<SpecificRecord> inTimeOrder() {
        List<Object[]> events = new ArrayList<>();
        sample.blocks.forEach(b -> events.add(new Object[] {b.getFirstIntervalEnd(), b}));
        sample.registers.forEach(r -> events.add(new Object[] {r.getReadTime(), r}));
        events.sort(Comparator.comparing(e -> (Instant) e[0]));
        return events.stream().map(e -> (SpecificRecord) e[1]).toList();
    }

    /** Sends the events in {@code chunks} chunks, {@code secondsApart} of wall clock apart. */
    private static void sendInChunks(Run run, List<SpecificRecord> events, int chunks,
                                     int secondsApart, IntConsumer afterChunk) {
        for (int c = 0; c < chunks; c++) {
            for (Object e : events.subList(events.size() * c / chunks, events.size() * (c + 1) / chunks)) {
                if (e instanceof IntervalBlock b) {
                    run.send(List.of(b), List.of());
                } else {
                    run.send(List.of(), List.of((RegisterReading) e));
                }
            }
            run.tick(secondsApart);
            afterChunk.accept(c);
        }
    }

    private static List<String> replaced(Run run, Predicate<ChannelPeriodResult> which) {
        return run.all.stream().filter(r -> r.getVersion() > 1).filter(which)
                .map(r -> r.getMeterId() + ":" + r.getChannel() + ":" + r.getPeriodEnd() + " v" + r.getVersion()
                        + " " + r.getChangeReason()).toList();
    }

    @Test
    void aBacklogArrivingOverSeveralPunctuationsPublishesEachChannelPeriodOnce() {
        // 12 chunks 1 s apart: 6 punctuations see a part of the backlog; each channel is evaluated once it is quiet
        try (Run run = new Run(WALL_CLOCK)) {
            sendInChunks(run, inTimeOrder(), 12, 1, c -> assertEquals(Map.of(), run.latest, "nothing while arriving"));
            Map<String, ChannelPeriodResult> results = run.tick(20);
            assertEquals(List.of(), expected.mismatches(results));
            assertEquals(expected.channelPeriods(), results.size());
            assertEquals(List.of(), replaced(run, r -> true), "one version per channel-period");
        }
    }

    @Test
    void aBacklogLongerThanTheCapPublishesNoInterimVersionOfAnIntervalChannel() {
        // 48 chunks 5 s apart: 4 minutes in which an interval channel's input is never quiet for 15 s, past the
        // 3-minute cap. At the cap the periods the arrived data have passed are published; the others (their trailing
        // days, long past their deadline, would be estimated) wait for the quiet time
        try (Run run = new Run(WALL_CLOCK)) {
            sendInChunks(run, inTimeOrder(), 48, 5, c -> {
                if (c == 40) {
                    assertTrue(run.latest.keySet().stream().anyMatch(k -> k.startsWith("M5758737:")),
                            "interval channels published at the cap: " + run.latest.keySet());
                    assertTrue(run.latest.size() < expected.channelPeriods(), run.latest.keySet().toString());
                }
            });
            Map<String, ChannelPeriodResult> results = run.tick(20);
            assertEquals(List.of(), expected.mismatches(results));
            assertEquals(expected.channelPeriods(), results.size());
            // register-only channels (interval length 0) get a reading per read date; in this backlog those arrive
            // minutes apart, so such a channel is quiet between them and its periods are published from what has
            // arrived (as any quiet channel's): a limit of settling per channel (a longer settle-quiet covers it)
            Set<String> registerOnly = sample.meters.stream().filter(m -> m.getIntervalMinutes() == 0)
                    .map(MeterEvent::getMeterId).collect(Collectors.toSet());
            assertEquals(List.of(), replaced(run, r -> !registerOnly.contains(r.getMeterId())),
                    "one version per interval channel-period, no interim version");
        }
    }

    @Test
    void trailingIntervalsWaitForTheEstimationDeadline() {
        // M5758737's data stops at 21:00 on 2025-12-21 (the last day of its last period)
        Instant before = LocalDate.of(2025, 12, 22).atTime(1, 0).atZone(SamplePackage.ZONE).toInstant();
        try (Run run = new Run(before)) {
            run.send(sample.blocks, sample.registers);
            ChannelPeriodResult r = run.evaluate().get("M5758737:1:2025-12-22");
            assertEquals(PeriodState.PENDING, r.getState(), "not due before 02:00 on the next day");
            assertEquals(1, r.getVersion());
            run.driver.advanceWallClockTime(Duration.ofHours(1));
            ChannelPeriodResult after = run.evaluate().get("M5758737:1:2025-12-22");
            assertEquals(PeriodState.COMPLETE, after.getState(), "the deadline passed: trailing intervals are MISSING and estimated");
            assertEquals(2, after.getVersion());
            assertEquals(Map.of("MISSING", 12), new TreeMap<>(after.getFailurePoints()));
        }
    }

    @Test
    void aManualEditResolvesAHeldPeriodAndIsANewVersion() {
        try (Run run = new Run(WALL_CLOCK)) {
            run.send(sample.blocks, sample.registers);
            ChannelPeriodResult held = run.evaluate().get("M7471082:1:2025-11-28");
            assertEquals(PeriodState.HELD, held.getState());
            run.editTheHeldIntervals(held);
            // evaluated at once, not after the settle wait (15 s) of new readings
            ChannelPeriodResult edited = run.tick(2).get("M7471082:1:2025-11-28");
            assertEquals(PeriodState.COMPLETE, edited.getState());
            assertEquals(2, edited.getVersion());
            assertEquals(6, edited.getIntervalsEstimated());
            assertEquals("operator", edited.getChangedBy());
            assertTrue(edited.getChangeReason().contains("customer confirmed usage"));
            assertEquals(List.of(0, 1, 2, 3, 4, 5), edited.getChangedIntervals());
            assertNotEquals(null, edited.getTotal());
            assertTrue(edited.getTotalEstimated());
            assertEquals(6, edited.getFailurePoints().get("EDITED"));
            assertEquals(null, edited.getFailurePoints().get("ESTIMATION_FAILED"));
            // the new version keeps the earlier values of the changed intervals (vee-rules.md section 6)
            assertEquals(6, edited.getPreviousQuality().size());
            assertTrue(edited.getPreviousQuality().stream().allMatch(q -> !IntervalQuality.hasValue(q)),
                    "they had no value before the edit");
            assertEquals(null, edited.getPreviousTotal(), "held: no total before");
            // the withdrawal evaluates the data again without the edit: held again, a third version
            run.edits.pipeInput("M7471082:1", ManualEdit.newBuilder().setEditId("w1").setMeterId("M7471082")
                    .setChannel(1).setIntervals(List.of()).setReason("wrong meter").setEditedBy("lead")
                    .setEditedAt(WALL_CLOCK).setAction(EditAction.WITHDRAW)
                    .setWithdrawsEditId("e1").build());
            ChannelPeriodResult withdrawn = run.tick(2).get("M7471082:1:2025-11-28");
            assertEquals(PeriodState.HELD, withdrawn.getState());
            assertEquals(3, withdrawn.getVersion());
            assertEquals("lead", withdrawn.getChangedBy());
            assertEquals(held.getFailurePoints(), withdrawn.getFailurePoints());
            assertEquals(edited.getTotal(), withdrawn.getPreviousTotal());
            assertEquals(List.of(500L, 500L, 500L, 500L, 500L, 500L), withdrawn.getPreviousUsage());
        }
    }

    @Test
    void aHeldPeriodsExceptionSaysWhatIsMissingAndResolvesWhenAnEditArrives() {
        try (Run run = new Run(WALL_CLOCK)) {
            run.send(sample.blocks, sample.registers);
            ChannelPeriodResult held = run.evaluate().get("M7471082:1:2025-11-28");
            assertEquals(PeriodState.HELD, held.getState());
            VeeException raised = run.exceptions.readValuesToList().stream()
                    .filter(e -> "M7471082".equals(e.getMeterId()) && LocalDate.of(2025, 11, 28).equals(e.getPeriodEnd()))
                    .findFirst().orElseThrow();
            assertEquals(false, raised.getResolved());
            assertEquals(held.getPeriodStart(), raised.getPeriodStart());
            assertEquals(held.getFailurePoints(), raised.getFailurePoints());
            assertNotEquals(null, raised.getUdcId());
            // the six intervals without a value, as one range from the start of the first to the end of the last
            assertEquals(List.of(new TimeRange(held.getFirstIntervalEnd().minusSeconds(900),
                    held.getFirstIntervalEnd().plusSeconds(900L * 5), "INTERVALS")), raised.getMissing());
            run.editTheHeldIntervals(held);
            assertEquals(PeriodState.COMPLETE, run.evaluate().get("M7471082:1:2025-11-28").getState());
            List<VeeException> after = run.exceptions.readValuesToList();
            assertEquals(1, after.size(), after.toString());
            VeeException resolved = after.get(0);
            assertTrue(resolved.getResolved());
            assertEquals("ESTIMATION_FAILED", resolved.getCode());
            assertEquals("M7471082", resolved.getMeterId());
            assertEquals(1, resolved.getChannel());
            assertEquals(LocalDate.of(2025, 11, 28), resolved.getPeriodEnd());
            assertEquals("vee", resolved.getResolvedBy(), "resolved by the new result (not by hand)");
            assertTrue(resolved.getResolution().contains("COMPLETE") && resolved.getResolution().contains("operator")
                    && resolved.getResolution().contains("customer confirmed usage"), resolved.getResolution());
        }
    }

    @Test
    void masterDataArrivingAfterTheReadingsStillGivesEveryPeriod() {
        // the read schedule reaches the global table only after the register readings were evaluated:
        // register-only channels get no later input, so the master data check must evaluate them again
        try (Run run = new Run(WALL_CLOCK, false)) {
            run.send(List.of(), sample.registers);
            Map<String, ChannelPeriodResult> before = run.evaluate();
            assertTrue(before.keySet().stream().noneMatch(k -> k.startsWith("M2741828:")), before.keySet().toString());
            run.sendSchedule();
            run.driver.advanceWallClockTime(Duration.ofSeconds(11)); // the master data check
            Map<String, ChannelPeriodResult> after = run.evaluate();
            for (String key : List.of("M2741828:1:2025-11-24", "M2741828:1:2025-12-23", "M7847948:1:2025-12-23",
                    "M5704554:1:2025-11-20", "M5704554:1:2025-12-22")) {
                assertTrue(after.containsKey(key), key + " missing: " + after.keySet());
            }
            assertEquals(List.of(), expected.mismatches(after).stream()
                    .filter(m -> m.startsWith("M2741828") || m.startsWith("M7847948") || m.startsWith("M5704554")).toList());
        }
    }

    /** The result without its versioning fields. */
    private static Map<String, ChannelPeriodResult> content(Map<String, ChannelPeriodResult> results) {
        Map<String, ChannelPeriodResult> out = new HashMap<>();
        results.forEach((k, v) -> out.put(k, ChannelPeriodResult.newBuilder(v).setVersion(0).setComputedAt(Instant.EPOCH)
                .setChangeReason(null).setChangedIntervals(List.of()).setChangedBy("vee").setPreviousUsage(List.of())
                .setPreviousQuality(List.of()).setPreviousTotal(null).build()));
        return out;
    }
}
