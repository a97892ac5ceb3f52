package energy.mdma.delivery.outage;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

/** The scheduled-outage rules: 24 h ahead, 02:00-05:00 local of one day, the month's downtime under 8 h. */
class OutageRulesTest {

    private static final ZoneId LA = ZoneId.of("America/Los_Angeles");
    private final OutageRules rules = new OutageRules(LA, LocalTime.of(2, 0), LocalTime.of(5, 0), Duration.ofHours(24),
            Duration.ofHours(8));
    private final Instant now = Instant.parse("2027-01-01T18:00:00Z");

    private static OutageRules.Window w(String day, String from, String to) {
        LocalDate d = LocalDate.parse(day);
        return new OutageRules.Window(ZonedDateTime.of(d, LocalTime.parse(from), LA).toInstant(),
                ZonedDateTime.of(d, LocalTime.parse(to), LA).toInstant());
    }

    @Test
    void accepted() {
        assertEquals(Optional.empty(), rules.refusal(w("2027-01-20", "02:00", "05:00"), now, List.of()));
        assertEquals(Optional.empty(), rules.refusal(w("2027-01-20", "03:15", "03:45"), now, List.of()));
    }

    @Test
    void leadTime() {
        // 2027-01-02 02:00 PST = 10:00 UTC, 16 hours after now
        String why = rules.refusal(w("2027-01-02", "02:00", "03:00"), now, List.of()).orElseThrow();
        assertTrue(why.contains("at least 24 h ahead") && why.contains("16 h from now"), why);
        assertEquals(Optional.empty(), rules.refusal(w("2027-01-03", "02:00", "03:00"), now, List.of()));
    }

    @Test
    void window() {
        assertTrue(rules.refusal(w("2027-01-20", "01:59", "03:00"), now, List.of()).orElseThrow().contains("02:00-05:00"));
        assertTrue(rules.refusal(w("2027-01-20", "04:00", "05:01"), now, List.of()).isPresent());
        assertTrue(rules.refusal(w("2027-01-20", "03:00", "03:00"), now, List.of()).orElseThrow().contains("must be after"));
        // across midnight into the next window: not one day's window
        OutageRules.Window twoDays = new OutageRules.Window(w("2027-01-20", "02:00", "03:00").from(), w("2027-01-21", "03:00", "04:00").to());
        assertTrue(rules.refusal(twoDays, now, List.of()).isPresent());
    }

    @Test
    void daylightSavingDays() {
        // 2027-03-14: 02:00 PST does not exist, local time jumps to 03:00 PDT: the window is 03:00-05:00 PDT (2 h)
        assertEquals(Optional.empty(), rules.refusal(w("2027-03-14", "03:00", "05:00"), now, List.of()));
        // 2027-11-07: 01:00-02:00 happens twice; 02:00 PST to 05:00 PST is still the window
        Instant now2 = Instant.parse("2027-10-01T00:00:00Z");
        assertEquals(Optional.empty(), rules.refusal(w("2027-11-07", "02:00", "05:00"), now2, List.of()));
        Instant firstOneThirty = ZonedDateTime.of(LocalDate.parse("2027-11-07"), LocalTime.of(1, 30), LA).toInstant();
        assertTrue(rules.refusal(new OutageRules.Window(firstOneThirty, firstOneThirty.plus(Duration.ofHours(2))), now2, List.of()).isPresent());
    }

    @Test
    void monthlyDowntimeStaysUnderEightHours() {
        List<OutageRules.Window> scheduled = List.of(w("2027-01-10", "02:00", "05:00"), w("2027-01-11", "02:00", "05:00"),
                w("2026-12-30", "02:00", "05:00"), w("2027-02-01", "02:00", "05:00"));
        assertEquals(Optional.empty(), rules.refusal(w("2027-01-12", "02:00", "03:59"), now, scheduled), "7 h 59 min");
        String why = rules.refusal(w("2027-01-12", "02:00", "04:00"), now, scheduled).orElseThrow();
        assertTrue(why.contains("2027-01 would be 8 h") && why.contains("under 8 h"), why);
    }
}
