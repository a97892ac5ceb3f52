package energy.mdma.edi.store;

import energy.mdma.edi.keys.ResultKey;

/** The keys of {@code edi-channel-period-results}: {@code account|periodEnd|meterId|channel} ({@link ResultKey}). */
public final class ResultKeySerde extends TextSerde<ResultKey> {
    @Override
    String format(ResultKey key) {
        return key.format();
    }

    @Override
    ResultKey parse(String text) {
        return ResultKey.parse(text);
    }
}
