package energy.mdma.timeliness;

import java.util.Map;

/**
 * One Prometheus-style gauge value: metric name (already in Prometheus form, e.g.
 * {@code mdma_timeliness_percent}), labels and value. Every sample of one name has the same label keys.
 */
public record GaugeSample(String name, Map<String, String> labels, double value) {

    /** Obligations of a cohort. Labels data_type, udc, esp, read_date. */
    public static final String OBLIGATIONS = "mdma_timeliness_obligations";
    /** Obligations not met yet. Labels data_type, udc, esp, read_date. */
    public static final String LATE = "mdma_timeliness_late";
    /** Obligations met by deadline k. Labels data_type, udc, esp, read_date, deadline. */
    public static final String MET = "mdma_timeliness_met";
    /** Percent met by deadline k (rounded down to 2 decimals). Labels data_type, udc, esp, read_date, deadline. */
    public static final String PERCENT = "mdma_timeliness_percent";
    /** Target percent of deadline k. Labels data_type, udc, esp, read_date, deadline. */
    public static final String TARGET = "mdma_timeliness_target_percent";
    /** Deadline k as Unix seconds. Labels data_type, udc, esp, read_date, deadline. */
    public static final String DEADLINE = "mdma_timeliness_deadline_timestamp_seconds";
    /**
     * 1 for the cohort's current status for k, 0 for the others (one series per status). Labels
     * data_type, udc, esp, read_date, deadline, status.
     */
    public static final String STATUS = "mdma_timeliness_status";

    public GaugeSample {
        labels = Map.copyOf(labels);
    }
}
