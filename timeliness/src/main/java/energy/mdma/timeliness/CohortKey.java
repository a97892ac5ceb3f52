package energy.mdma.timeliness;

import energy.mdma.events.DataType;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.Objects;

/**
 * A cohort: data type, UDC and read date, and optionally the ESP ({@code esp == null}: the UDC-wide
 * cohort of all ESPs).
 */
public record CohortKey(DataType dataType, String udc, String esp, LocalDate readDate) {

    /** Read date, then data type, then the UDC-wide cohort before the ESP ones, then ESP. */
    public static final Comparator<CohortKey> ORDER = Comparator.comparing(CohortKey::readDate)
            .thenComparing(CohortKey::udc)
            .thenComparing(CohortKey::dataType)
            .thenComparing(CohortKey::esp, Comparator.nullsFirst(Comparator.naturalOrder()));

    public CohortKey {
        Objects.requireNonNull(dataType, "dataType");
        Objects.requireNonNull(udc, "udc");
        Objects.requireNonNull(readDate, "readDate");
    }

    /** The label value used for the UDC-wide cohort in metrics and ids. */
    public static final String ALL_ESPS = "ALL";

    /** The Kafka key of CohortFigures: {@code dataType:udc:esp:readDate} (esp "ALL" for UDC-wide). */
    public String kafkaKey() {
        return dataType + ":" + udc + ":" + espLabel() + ":" + readDate;
    }

    public String espLabel() {
        return esp == null ? ALL_ESPS : esp;
    }

    /** "INTERVAL SCE (all ESPs) 2025-11-20" / "NON_INTERVAL SCE ESP01 2025-11-20". */
    public String describe() {
        return dataType + " data of UDC " + udc + (esp == null ? " (all ESPs)" : ", ESP " + esp)
                + ", read date " + readDate;
    }
}
