package energy.mdma.vee.engine;

import energy.mdma.vee.model.ReceivedIntervals;
import java.time.LocalDate;

/** Loads one channel-day of received values on demand (from the state store in production). */
@FunctionalInterface
public interface DaySource {
    /** @return the day's block, or null when nothing was received that day. */
    ReceivedIntervals.DayBlock day(LocalDate day);
}
