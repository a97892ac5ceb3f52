package energy.mdma.vee.rules;

import energy.mdma.vee.model.DialReading;
import energy.mdma.vee.model.LocalGrid;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * Manual edits of register readings (operations.md section 2): an edited reading replaces the reading of that date
 * in the usage calculation (section 5) and in the sum check (section 4). It keeps the read time of the reading it
 * replaces; with none received that date, it is taken at the local midnight starting the date (the boundary of the
 * read periods, so that the sum check covers exactly the periods' intervals). A period whose opening or closing
 * reading is edited counts EDITED once.
 */
public final class RegisterEdits {
    private RegisterEdits() {
    }

    /** The readings by date with the edited ones in place (a new map; {@code byDate} is not changed). */
    public static Map<LocalDate, DialReading> apply(Map<LocalDate, DialReading> byDate,
            Map<LocalDate, Long> edits) {
        if (edits.isEmpty()) {
            return byDate;
        }
        Map<LocalDate, DialReading> out = new HashMap<>(byDate);
        for (Map.Entry<LocalDate, Long> e : edits.entrySet()) {
            DialReading received = byDate.get(e.getKey());
            out.put(e.getKey(), new DialReading(
                    received != null ? received.readTime() : LocalGrid.startOfDay(e.getKey()), e.getValue()));
        }
        return out;
    }

    /** Whether the period R'..R uses an edited reading (EDITED once per period). */
    public static boolean edited(Map<LocalDate, Long> edits, LocalDate rPrev, LocalDate r) {
        return edits.containsKey(rPrev) || edits.containsKey(r);
    }
}
