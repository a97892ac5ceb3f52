package energy.mdma.edi.store;

/**
 * The values of {@code edi-summary-rows}: a row, or an account-period's lines of the former format
 * ({@link SummaryRowsValue}).
 */
public final class SummaryRowsValueSerde extends TextSerde<SummaryRowsValue> {
    public SummaryRowsValueSerde() {
        super(SummaryRowsValue::text, SummaryRowsValue::new);
    }
}
