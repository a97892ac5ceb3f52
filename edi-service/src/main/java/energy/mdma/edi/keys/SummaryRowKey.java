package energy.mdma.edi.keys;

import java.time.LocalDate;

/**
 * One summary row of a receiver in {@code edi-summary-rows} (stage 2), in the report's order:
 * {@code r\0receiver\0account\0meter\0channel\0periodStart\0periodEnd}. NUL sorts before every character of an id,
 * so the bytewise order of the store is the code point order of the ids; the channel is its sign bit flipped in
 * fixed-width hex, so that the bytewise order is the numeric one. A summary is thus streamed from the store in order.
 */
public record SummaryRowKey(String receiverId, String account, String meterId, int channel, LocalDate periodStart,
                            LocalDate periodEnd) {
    static final String ROW = "r\u0000";
    static final char SEP = '\u0000';

    public String format() {
        return ROW + receiverId + SEP + account + SEP + meterId + SEP + channelHex(channel) + SEP + periodStart + SEP
                + periodEnd;
    }

    /** The channel as eight hex digits, sign bit flipped: keys sort by channel as a signed int. */
    private static String channelHex(int channel) {
        String hex = Integer.toHexString(channel ^ Integer.MIN_VALUE);
        return "00000000".substring(hex.length()) + hex;
    }

    public static SummaryRowKey parse(String key) {
        if (!isRow(key)) {
            throw new IllegalArgumentException("not a summary row key (r\\0receiver\\0...): '" + key + "'");
        }
        String[] p = key.substring(ROW.length()).split(String.valueOf(SEP), -1);
        if (p.length != 6) {
            throw new IllegalArgumentException("a summary row key has 6 fields after r\\0, this one " + p.length + ": '"
                    + key.replace(SEP, '/') + "'");
        }
        return new SummaryRowKey(p[0], p[1], p[2], Integer.parseUnsignedInt(p[3], 16) ^ Integer.MIN_VALUE,
                LocalDate.parse(p[4]), LocalDate.parse(p[5]));
    }

    /** Whether a key of the store is a row of this format (a former format's key starts otherwise). */
    public static boolean isRow(String key) {
        return key.startsWith(ROW);
    }

    /** The prefix of every row of a receiver. */
    public static String receiverPrefix(String receiverId) {
        return ROW + receiverId + SEP;
    }

    /** The prefix of every row of a receiver's account (all its account-periods). */
    public static String accountPrefix(String receiverId, String account) {
        return receiverPrefix(receiverId) + account + SEP;
    }

    /** The ranges [from, to) of the keys that are not rows (a former format's), for taking them over. */
    public static String[][] formerKeyRanges() {
        return new String[][] {{"\u0001", "r"}, {"r\u0001", "\uffff"}};
    }

    @Override
    public String toString() {
        return format().replace(SEP, '/');
    }

    /**
     * A row of a former version's store format: one value per account-period, {@code receiver|account|periodEnd},
     * its lines joined by LF.
     */
    public record Former(String receiverId, String account, LocalDate periodEnd) {
        /** The key, or null when it is not of the former format. */
        public static Former parseOrNull(String key) {
            String[] p = key.split("\\|", -1);
            return p.length == 3 ? new Former(p[0], p[1], LocalDate.parse(p[2])) : null;
        }

        public String format() {
            return receiverId + "|" + account + "|" + periodEnd;
        }
    }
}
