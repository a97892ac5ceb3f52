package energy.mdma.edi.store;

import energy.mdma.edi.keys.MeterIndexKey;

/** The keys of the global {@code edi-meter-index}: {@code m|meterId}, {@code a|account|meterId} ({@link MeterIndexKey}). */
public final class MeterIndexKeySerde extends TextSerde<MeterIndexKey> {
    public MeterIndexKeySerde() {
        super(MeterIndexKey::format, MeterIndexKey::parse);
    }
}
