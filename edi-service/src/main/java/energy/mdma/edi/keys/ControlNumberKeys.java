package energy.mdma.edi.keys;

/** The keys of {@code edi-control-numbers} (one task's numbering, see ControlNumbers). */
public final class ControlNumberKeys {
    /** The last ISA13 counter given in the partition's range (to any receiver). */
    public static final String SEQUENCE = "isa13";
    /** The last report counter. */
    public static final String REPORT_SEQUENCE = "report-seq";
    /** Set once the numbers posted in mdma.edi.documents have been taken (restore). */
    public static final String RESTORED = "restored-from-documents";
    /** Stores written before the shared sequence kept one counter per receiver: {@code isa13|receiver}. */
    public static final String LEGACY_PER_RECEIVER_PREFIX = "isa13|";

    private ControlNumberKeys() {
    }

    public static String legacyPerReceiver(String receiverId) {
        return LEGACY_PER_RECEIVER_PREFIX + receiverId;
    }
}
