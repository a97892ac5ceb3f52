package energy.mdma.edi.model;

/** Name rules of the 867: the delimiters {@code * ~ >} become a space; N102 is cut to 60 characters. */
public final class Names {
    /** N102 is cut to this many characters. */
    public static final int MAX_NAME_LENGTH = 60;

    private Names() {
    }

    /** Replaces the delimiters {@code * ~ >} (and control characters, which could break lines) by a space. */
    public static String sanitize(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            sb.append(isDelimiterOrControl(c) ? ' ' : c);
        }
        return sb.toString();
    }

    /** N102: sanitized and cut to 60 characters (never splitting a surrogate pair). */
    public static String n102(String name) {
        String s = sanitize(name);
        if (s.codePointCount(0, s.length()) <= MAX_NAME_LENGTH) {
            return s;
        }
        return s.substring(0, s.offsetByCodePoints(0, MAX_NAME_LENGTH));
    }

    public static boolean isDelimiterOrControl(char c) {
        return c == '*' || c == '~' || c == '>' || Character.isISOControl(c);
    }
}
