package energy.mdma.edi.keys;

/**
 * The keys of {@code edi-control-numbers} (one task's numbering, see ControlNumberAllocator): {@code isa13},
 * {@code report-seq}, {@code restored-from-documents}, and in stores written before the shared sequence
 * {@code isa13|receiver}.
 */
public record ControlNumberKey(Kind kind, String receiverId) {
    public enum Kind {
        /** The last ISA13 counter given in the partition's range (to any receiver). */
        SEQUENCE("isa13"),
        /** The last report counter. */
        REPORT_SEQUENCE("report-seq"),
        /** Set once the numbers posted in mdma.edi.documents have been taken (restore). */
        RESTORED("restored-from-documents"),
        /** Stores written before the shared sequence kept one counter per receiver: {@code isa13|receiver}. */
        LEGACY_PER_RECEIVER("isa13|");

        final String text;

        Kind(String text) {
            this.text = text;
        }
    }

    public static final ControlNumberKey SEQUENCE = new ControlNumberKey(Kind.SEQUENCE, null);
    public static final ControlNumberKey REPORT_SEQUENCE = new ControlNumberKey(Kind.REPORT_SEQUENCE, null);
    public static final ControlNumberKey RESTORED = new ControlNumberKey(Kind.RESTORED, null);

    public ControlNumberKey {
        if ((kind == Kind.LEGACY_PER_RECEIVER) != (receiverId != null)) {
            throw new IllegalArgumentException("only a legacy per-receiver counter key has a receiver: " + kind + ", "
                    + receiverId);
        }
    }

    public static ControlNumberKey legacyPerReceiver(String receiverId) {
        return new ControlNumberKey(Kind.LEGACY_PER_RECEIVER, receiverId);
    }

    public String format() {
        return receiverId == null ? kind.text : kind.text + receiverId;
    }

    public static ControlNumberKey parse(String key) {
        for (Kind k : Kind.values()) {
            if (k == Kind.LEGACY_PER_RECEIVER ? key.startsWith(k.text) : key.equals(k.text)) {
                return new ControlNumberKey(k, k == Kind.LEGACY_PER_RECEIVER ? key.substring(k.text.length()) : null);
            }
        }
        throw new IllegalArgumentException("not a control number key (isa13, report-seq, restored-from-documents, "
                + "isa13|receiver): '" + key + "'");
    }

    @Override
    public String toString() {
        return format();
    }
}
