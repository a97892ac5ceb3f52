package energy.mdma.ingest.parse;

import energy.mdma.ingest.model.ScheduleEntry;

import java.time.DateTimeException;
import java.time.LocalDate;

final class ScheduleHandler extends RowHandler {
    private final FirstLines seen = new FirstLines();

    ScheduleHandler(Ctx ctx) {
        super(ctx);
    }

    @Override
    void row(CsvRow row, long line) throws RowReject {
        String cycle = Fields.readCycle(row, 0);
        LocalDate date = date(row.get(1), "scheduled_read_date");
        seen.claim(cycle + "," + date, line, () -> "read cycle " + cycle + " date " + date);
        ctx.sink.scheduleEntry(new ScheduleEntry(cycle, date, line));
    }

    static LocalDate date(String v, String column) throws RowReject {
        boolean shape = v.length() == 10 && v.charAt(4) == '-' && v.charAt(7) == '-'
                && Fields.isDigits(v.substring(0, 4) + v.substring(5, 7) + v.substring(8), 8, 8);
        if (!shape) {
            throw new RowReject(column + " " + Fields.show(v) + " is not a date; write YYYY-MM-DD, e.g. 2025-11-20");
        }
        try {
            return LocalDate.of(Integer.parseInt(v.substring(0, 4)), Integer.parseInt(v.substring(5, 7)),
                    Integer.parseInt(v.substring(8)));
        } catch (DateTimeException e) {
            throw new RowReject(column + " " + Fields.show(v) + " is not a valid date (" + e.getMessage() + ")");
        }
    }
}
