package energy.mdma.edi.store;

import energy.mdma.edi.keys.SummaryRowsKey;

/**
 * The keys of {@code edi-summary-rows}: a row's or, in a store of the former format, an account-period's
 * ({@link SummaryRowsKey}).
 */
public final class SummaryRowsKeySerde extends TextSerde<SummaryRowsKey> {
    public SummaryRowsKeySerde() {
        super(SummaryRowsKey::format, SummaryRowsKey::stored);
    }
}
