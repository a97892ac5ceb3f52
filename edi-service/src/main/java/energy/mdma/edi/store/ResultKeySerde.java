package energy.mdma.edi.store;

import energy.mdma.edi.keys.ResultKey;

/** The keys of {@code edi-channel-period-results}: {@code account|periodEnd|meterId|channel} ({@link ResultKey}). */
public final class ResultKeySerde extends TextSerde<ResultKey> {
    public ResultKeySerde() {
        super(ResultKey::format, ResultKey::parse);
    }
}
