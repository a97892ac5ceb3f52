package energy.mdma.edi.decision;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bounds of edi's punctuations, as the settings give them. */
class RoundLimitsTest {
    final RoundLimits limits = new RoundLimits(100, Duration.ofSeconds(30), 50, Duration.ofSeconds(10),
            Duration.ofMinutes(5), 20);

    @Test
    void aPostingRoundStopsAtItsIntervalsOrItsTime() {
        long s = 1_000_000_000L;
        assertTrue(limits.decidesMore(0, 1_000, 0));
        assertTrue(limits.decidesMore(999, 1_000, 30 * s), "at the limit of time still");
        assertFalse(limits.decidesMore(1_000, 1_000, 0));
        assertFalse(limits.decidesMore(0, 1_000, 30 * s + 1));
    }

    @Test
    void aPruningRoundTakesOneAccountWhateverTheTimeThenStopsAtItsAccountsOrTime() {
        long s = 1_000_000_000L;
        assertTrue(limits.prunesMore(0, 3, 60 * s), "the first account whatever the time");
        assertTrue(limits.prunesMore(2, 3, 10 * s));
        assertFalse(limits.prunesMore(3, 3, 0));
        assertFalse(limits.prunesMore(1, 3, 10 * s + 1));
    }

    @Test
    void aSettingOutOfRangeIsRefusedNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RoundLimits(0,
                Duration.ofSeconds(30), 50, Duration.ofSeconds(10), Duration.ofMinutes(5), 20));
        assertTrue(e.getMessage().contains("mdma.edi.account-periods-per-round"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new RoundLimits(1, Duration.ZERO, 50,
                Duration.ofSeconds(10), Duration.ofMinutes(5), 20));
        assertTrue(e.getMessage().contains("mdma.edi.round-time"), e.getMessage());
        assertEquals(20_000, RoundLimits.DEFAULT.accountPeriodsPerRound());
    }
}
