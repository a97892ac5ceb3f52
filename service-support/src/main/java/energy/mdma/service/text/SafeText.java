package energy.mdma.service.text;

/**
 * Text from a request (user names, paths, ids, reasons) made safe to log or audit: control characters (and the
 * Unicode line and paragraph separators) become {@code ?}, so nothing can forge a log line, and the length is capped
 * ({@code ...[+N]} says how much was cut), so nothing can fill memory or disk through one field.
 */
public final class SafeText {

    private SafeText() {
    }

    /** {@code s} capped to {@code max} characters (plus the cut marker), control characters replaced; null stays null. */
    public static String cap(String s, int max) {
        if (s == null) {
            return null;
        }
        int keep = Math.min(s.length(), Math.max(0, max));
        if (keep < s.length() && keep > 0 && Character.isHighSurrogate(s.charAt(keep - 1))) {
            keep--;
        }
        StringBuilder sb = null;
        for (int i = 0; i < keep; i++) {
            char c = s.charAt(i);
            boolean bad = Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
            if (bad && sb == null) {
                sb = new StringBuilder(keep + 16).append(s, 0, i);
            }
            if (sb != null) {
                sb.append(bad ? '?' : c);
            }
        }
        if (sb == null && keep == s.length()) {
            return s;
        }
        if (sb == null) {
            sb = new StringBuilder(keep + 16).append(s, 0, keep);
        }
        if (keep < s.length()) {
            sb.append("...[+").append(s.length() - keep).append(']');
        }
        return sb.toString();
    }
}
