package energy.mdma.ingest.model;

import java.time.LocalDate;

/** One accepted row of schedule.csv. {@code line} is its line in the file (header = 1). */
public record ScheduleEntry(String readCycle, LocalDate scheduledReadDate, long line) {
}
