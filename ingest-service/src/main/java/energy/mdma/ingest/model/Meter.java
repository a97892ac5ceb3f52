package energy.mdma.ingest.model;

import java.math.BigDecimal;

/**
 * One accepted row of meters.csv. {@code intervalMinutes} is 0 for a non-interval meter, else 5, 15, 30
 * or 60. {@code line} is its line in the file (header = 1).
 */
public record Meter(String serviceAccount, String udcId, String espId, String customerName, String meterId,
        String readCycle, int intervalMinutes, int dials, BigDecimal meterMultiplier, long line) {

    /** The part of the meter that the parsers look up. */
    public MeterInfo info() {
        return new MeterInfo(meterId, serviceAccount, udcId, readCycle, intervalMinutes);
    }
}
