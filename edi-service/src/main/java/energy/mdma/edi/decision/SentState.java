package energy.mdma.edi.decision;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What was last sent for an account-period (the value of {@code edi-sent-account-periods}): the hash of the data of
 * its current original ({@value #NO_ORIGINAL}: none), the hash of its summary rows, and its receivers (UDC, ESP).
 * Stored as {@code dataHash|rowsHash|receiver,receiver} (energy.mdma.edi.store.SentStateSerde).
 */
public record SentState(String dataHash, String rowsHash, Set<String> receivers) {
    /** The data hash of an account-period without a current original. */
    public static final String NO_ORIGINAL = "-";
    /** An account-period nothing was sent for. */
    public static final SentState NOTHING = new SentState(NO_ORIGINAL, "", Set.of());

    /** {@code stored}, or {@link #NOTHING} when nothing is stored (null). */
    public static SentState orNothing(SentState stored) {
        return stored == null ? NOTHING : stored;
    }

    public boolean hasCurrentOriginal() {
        return !NO_ORIGINAL.equals(dataHash);
    }

    /** The inverse of {@link #format()}; null (nothing stored) is {@link #NOTHING}. */
    public static SentState parse(String s) {
        if (s == null) {
            return NOTHING;
        }
        String[] p = s.split("\\|", -1);
        if (p.length != 3) {
            throw new IllegalArgumentException("a sent state is dataHash|rowsHash|receivers, not '" + s + "'");
        }
        Set<String> r = new LinkedHashSet<>();
        for (String id : p[2].split(",")) {
            if (!id.isEmpty()) {
                r.add(id);
            }
        }
        return new SentState(p[0], p[1], r);
    }

    public String format() {
        return dataHash + "|" + rowsHash + "|" + String.join(",", receivers);
    }
}
