package energy.mdma.edi.x12;

/**
 * A value outside the domain of its X12 element: which element, which value, and why. Thrown by
 * {@link X12Values}; {@link Fast867Writer} adds where in the document the value was.
 */
public final class X12ValueException extends Edi867ValidationException {
    private static final long serialVersionUID = 1L;
    private final String element;
    private final String error;

    X12ValueException(String element, Object value, String why) {
        this(element, describe(element, value, why));
    }

    private X12ValueException(String element, String error) {
        super(error);
        this.element = element;
        this.error = error;
    }

    /** The element, e.g. {@code QTY02} or {@code N102 customer name}. */
    public String element() {
        return element;
    }

    /** One line: element, value and why it was refused. */
    public String error() {
        return error;
    }

    private static String describe(String element, Object value, String why) {
        String v = String.valueOf(value);
        if (v.length() > 100) {
            v = v.substring(0, 100) + "...";
        }
        StringBuilder sb = new StringBuilder(element.length() + v.length() + why.length() + 8);
        sb.append(element).append(" '");
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (Character.isISOControl(c) || Character.isSurrogate(c)) {
                sb.append(String.format("\\u%04X", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append("': ").append(why).toString();
    }
}
