package energy.mdma.edi.keys;

/** The keys of {@code edi-receiver-state} (stage 2): {@code summary-dirty|receiver}, {@code summary-hash|receiver}. */
public record ReceiverStateKey(Kind kind, String receiverId) {
    public enum Kind {
        /** the receiver's summary rows changed since its last summary: value {@code firstMs,lastMs} */
        SUMMARY_DIRTY("summary-dirty|"),
        /** the hash of the receiver's last summary posted */
        SUMMARY_HASH("summary-hash|");

        final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }

        /** The prefix of every key of this kind. */
        public String prefix() {
            return prefix;
        }
    }

    public static ReceiverStateKey dirty(String receiverId) {
        return new ReceiverStateKey(Kind.SUMMARY_DIRTY, receiverId);
    }

    public static ReceiverStateKey hash(String receiverId) {
        return new ReceiverStateKey(Kind.SUMMARY_HASH, receiverId);
    }

    public String format() {
        return kind.prefix + receiverId;
    }

    public static ReceiverStateKey parse(String key) {
        for (Kind k : Kind.values()) {
            if (key.startsWith(k.prefix)) {
                return new ReceiverStateKey(k, key.substring(k.prefix.length()));
            }
        }
        throw new IllegalArgumentException("not a receiver state key (summary-dirty|... or summary-hash|...): '" + key + "'");
    }

    @Override
    public String toString() {
        return format();
    }
}
