package energy.mdma.ingest.parse;

import java.util.List;
import java.util.Locale;

/** The kinds of file the ingest takes (input-formats.md sections 1 and 2), with their CSV header. */
public enum FileLayout {
    PARTIES("party_id", "role", "name", "duns"),
    METERS("service_account", "udc_id", "esp_id", "customer_name", "meter_id", "read_cycle", "interval_minutes",
            "dials", "meter_multiplier"),
    CHANNELS("meter_id", "channel", "uom", "raw_unit", "pulse_multiplier", "max_pulses_per_interval"),
    SCHEDULE("read_cycle", "scheduled_read_date"),
    INTERVALS("meter_id", "channel", "interval_end", "value", "status"),
    REGISTERS("meter_id", "channel", "read_time", "reading"),
    /** CMEP MEPMD01 records, one per line, no header. */
    CMEP();

    private final List<String> header;

    FileLayout(String... header) {
        this.header = List.of(header);
    }

    /** The expected CSV header; empty for CMEP (no header row). */
    public List<String> header() {
        return header;
    }

    public boolean isCsv() {
        return this != CMEP;
    }

    /** The kind named as in the API path ({@code parties}, ..., {@code cmep}), case-insensitive. */
    public static FileLayout fromName(String name) {
        for (FileLayout k : values()) {
            if (k.name().equalsIgnoreCase(name)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown file kind '" + name
                + "'; use parties, meters, channels, schedule, intervals, registers or cmep");
    }

    /** The name as used in the API path. */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
