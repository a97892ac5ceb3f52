package energy.mdma.edi.store;

/**
 * The value of {@code edi-current-reports}: the report id (BPT02) of a receiver's current original of an
 * account-period, the one its next correction cancels.
 */
public record ReportId(String id) {
    public ReportId {
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException("a report id must not be empty");
        }
    }

    @Override
    public String toString() {
        return id;
    }
}
