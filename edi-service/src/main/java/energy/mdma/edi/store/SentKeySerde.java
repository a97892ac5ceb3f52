package energy.mdma.edi.store;

import energy.mdma.edi.keys.SentKey;

/** The keys of {@code edi-sent-account-periods}: {@code account|periodEnd} or {@code \0newest-period-end} ({@link SentKey}). */
public final class SentKeySerde extends TextSerde<SentKey> {
    @Override
    String format(SentKey key) {
        return key.format();
    }

    @Override
    SentKey parse(String text) {
        return SentKey.parse(text);
    }
}
