package energy.mdma.edi.store;

import energy.mdma.edi.decision.SummarySchedule;

/**
 * A value of {@code edi-receiver-state} (stage 2): under {@code summary-dirty|receiver} the first and last unposted
 * change of the receiver's summary rows ({@link SummarySchedule.Dirty}), under {@code summary-hash|receiver} the
 * SHA-256 (hex) of its last summary posted; exactly one of the two.
 */
public record ReceiverState(SummarySchedule.Dirty dirty, String summaryHash) {
    public ReceiverState {
        if ((dirty == null) == (summaryHash == null)) {
            throw new IllegalArgumentException("a receiver state is the unposted changes or the last summary's hash: "
                    + dirty + ", " + summaryHash);
        }
    }

    public static ReceiverState dirty(SummarySchedule.Dirty dirty) {
        return new ReceiverState(dirty, null);
    }

    public static ReceiverState summaryHash(String sha256Hex) {
        return new ReceiverState(null, sha256Hex);
    }

    /** The unposted changes, or null when {@code value} is null (none stored). */
    public static SummarySchedule.Dirty dirtyOrNull(ReceiverState value) {
        return value == null ? null : value.dirty();
    }
}
