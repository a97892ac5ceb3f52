package energy.mdma.ingest.model;

/** What the parsers need to know about a meter (see MasterDataView). intervalMinutes 0 = non-interval meter. */
public record MeterInfo(String meterId, String serviceAccount, String udcId, String readCycle, int intervalMinutes) {

    public boolean isIntervalMeter() {
        return intervalMinutes > 0;
    }
}
