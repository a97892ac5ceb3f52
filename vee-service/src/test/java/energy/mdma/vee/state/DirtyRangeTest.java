package energy.mdma.vee.state;

import energy.mdma.vee.topology.VeeTopology;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When a dirty channel is due: quiet time, cap, deadlines, and how marks merge. */
class DirtyRangeTest {
    static final Duration QUIET = Duration.ofSeconds(15);
    static final Duration MAX = Duration.ofMinutes(3);
    static final LocalDate D1 = LocalDate.of(2025, 11, 1);
    static final LocalDate D2 = LocalDate.of(2025, 11, 5);

    static DirtyRange input(long atMs, LocalDate from, LocalDate to) {
        return DirtyRange.input(atMs, QUIET, MAX, from, to);
    }

    @Test
    void anInputIsDueWhenQuiet() {
        DirtyRange r = input(1_000, D1, D1);
        assertTrue(r.hasInput());
        assertEquals(16_000, r.evaluateAt());
        assertTrue(r.arriving(DirtyRange.Input.idleAt(15_999)));
        assertFalse(r.arriving(DirtyRange.Input.idleAt(16_000)));
    }

    @Test
    void everyInputPushesTheQuietTimeButNotTheCap() {
        DirtyRange r = input(0, D1, D1);
        for (long t = 10_000; t <= 160_000; t += 10_000) {
            r = input(t, D2, D2).merge(r);
            assertEquals(t + 15_000, r.evaluateAt(), "pushed by the input at " + t);
        }
        r = input(175_000, D2, D2).merge(r);
        assertEquals(180_000, r.evaluateAt(), "the cap: 3 minutes after the first input");
        assertTrue(r.arriving(DirtyRange.Input.idleAt(180_000)), "still arriving at the cap");
        assertEquals(D1, r.from());
        assertEquals(D2, r.to());
        // the merge does not depend on the order
        assertEquals(r, r.merge(input(0, D1, D1)));
    }

    @Test
    void aDeadlineIsDueWhateverTheInputDoes() {
        DirtyRange deadline = DirtyRange.at(5_000, D1, D1);
        assertFalse(deadline.hasInput());
        assertFalse(deadline.arriving(DirtyRange.Input.idleAt(0)));
        assertEquals(5_000, deadline.evaluateAt());
        DirtyRange both = deadline.merge(input(0, D2, D2));
        assertEquals(5_000, both.evaluateAt(), "the deadline comes before the quiet time");
        assertTrue(both.arriving(DirtyRange.Input.idleAt(5_000)));
        assertEquals(15_000, DirtyRange.at(60_000, D1, D1).merge(input(0, D2, D2)).evaluateAt());
        // days only (a master data change while input settles): neither earlier nor later
        DirtyRange settling = input(0, D2, D2);
        DirtyRange widened = DirtyRange.at(DirtyRange.NONE, D1, D1).merge(settling);
        assertEquals(settling.evaluateAt(), widened.evaluateAt());
        assertEquals(D1, widened.from());
        assertEquals(DirtyRange.NONE, DirtyRange.at(DirtyRange.NONE, D1, D1).evaluateAt());
    }

    @Test
    void aTaskWorkingThroughABacklogDoesNotTakeAChannelForQuiet() {
        // input carried by a record sent at 0, processed at wall clock 0; quiet time 15 s
        DirtyRange r = input(0, D1, D1);
        // 100 s later on the wall clock, but the task is still reading what was sent within 10 s of it
        assertFalse(r.isDue(100_000, new DirtyRange.Input(100_000, 10_000, false)),
                "a slow reader is no quiet source");
        assertTrue(r.arriving(new DirtyRange.Input(100_000, 10_000, false)));
        // the source went on sending for 15 s without this channel: quiet, however late the task reads it
        assertTrue(r.isDue(100_000, new DirtyRange.Input(100_000, 15_000, false)));
        assertFalse(r.arriving(new DirtyRange.Input(3_000, 15_000, false)), "even before 15 s on the wall clock");
        // the input stopped (the task read nothing for a while): the quiet time on the input clock
        assertFalse(r.isDue(14_999, new DirtyRange.Input(14_999, 10_000, true)));
        assertTrue(r.isDue(15_000, new DirtyRange.Input(15_000, 10_000, true)));
        // the cap holds whatever the input does
        assertTrue(r.isDue(180_000, new DirtyRange.Input(0, 0, false)));
        assertEquals(15_000, r.streamDueAt());
        assertEquals(DirtyRange.NONE, DirtyRange.at(5, D1, D1).streamDueAt());
        // merging keeps the later stream quiet time
        DirtyRange later = DirtyRange.input(1_000, 1_000, 40_000, QUIET, MAX, D2, D2).merge(r);
        assertEquals(55_000, later.streamDueAt());
        assertEquals(later, DirtyRange.decode(later.encode()));
    }

    @Test
    void readsTheLayoutBeforeTheStreamQuietTime() {
        DirtyRange r = input(1_000, D1, D2);
        byte[] former = ByteBuffer.allocate(40).putLong(r.dueAt()).putLong(r.quietAt()).putLong(r.capAt())
                .putLong(r.fromDay()).putLong(r.toDay()).array();
        DirtyRange old = DirtyRange.decode(former);
        assertEquals(DirtyRange.NONE, old.streamDueAt(), "settles by its quiet time once the task idles, or the cap");
        assertTrue(old.isDue(16_000, DirtyRange.Input.idleAt(16_000)));
        assertFalse(old.isDue(16_000, new DirtyRange.Input(16_000, Long.MAX_VALUE - 1, false)));
    }

    @Test
    void encodesAndReadsTheFormerLayout() {
        DirtyRange r = input(1_000, D1, D2).merge(DirtyRange.at(77, D1, D1));
        assertEquals(r, DirtyRange.decode(r.encode()));
        byte[] former = ByteBuffer.allocate(24).putLong(0L).putLong(D1.toEpochDay()).putLong(D2.toEpochDay()).array();
        DirtyRange old = DirtyRange.decode(former);
        assertEquals(0L, old.evaluateAt(), "a mark of the former layout is due at once");
        assertFalse(old.hasInput());
        assertEquals(D2, old.to());
    }

    @Test
    void settingsRejectACapShorterThanTheQuietTime() {
        VeeTopology.Settings s = VeeTopology.Settings.defaults();
        assertEquals(QUIET, s.settleQuiet());
        assertEquals(MAX, s.settleMax());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> s.withSettle(Duration.ofSeconds(30), Duration.ofSeconds(20)));
        assertTrue(e.getMessage().contains("mdma.vee.settle-max"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> s.withSettle(Duration.ofSeconds(-1), MAX));
    }
}
