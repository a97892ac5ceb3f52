package energy.mdma.edi.store;

import energy.mdma.edi.keys.SentKey;

/** The keys of {@code edi-sent-account-periods}: {@code account|periodEnd} ({@link SentKey}). */
public final class SentKeySerde extends TextSerde<SentKey> {
    public SentKeySerde() {
        super(SentKey::format, SentKey::parse);
    }
}
