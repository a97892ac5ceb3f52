package energy.mdma.edi.keys;

/**
 * A key of {@code edi-summary-rows} as stored: a row's ({@link SummaryRowKey}) or, in a store of the former format, an
 * account-period's ({@link SummaryRowKey.Former}). Parsed when asked, not when read: a summary streams its rows' values
 * in key order without parsing their keys.
 */
public final class SummaryRowsKey {
    private final String text;

    private SummaryRowsKey(String text) {
        this.text = text;
    }

    public static SummaryRowsKey of(SummaryRowKey row) {
        return new SummaryRowsKey(row.format());
    }

    /** A key as the store holds it (also a bound of a range of the store). */
    public static SummaryRowsKey stored(String text) {
        return new SummaryRowsKey(text);
    }

    /** The row of a key of the current format. */
    public SummaryRowKey row() {
        return SummaryRowKey.parse(text);
    }

    /** The account-period of a key of the former format; null for any other key. */
    public SummaryRowKey.Former formerOrNull() {
        return SummaryRowKey.isRow(text) ? null : SummaryRowKey.Former.parseOrNull(text);
    }

    public String format() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SummaryRowsKey k && text.equals(k.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text.replace('\u0000', '/');
    }
}
