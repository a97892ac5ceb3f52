package energy.mdma.edi.store;

import energy.mdma.edi.keys.MeterIndexKey;

/** The keys of the global {@code edi-meter-index}: {@code m|meterId}, {@code a|account|meterId} ({@link MeterIndexKey}). */
public final class MeterIndexKeySerde extends TextSerde<MeterIndexKey> {
    @Override
    String format(MeterIndexKey key) {
        return key.format();
    }

    @Override
    MeterIndexKey parse(String text) {
        return MeterIndexKey.parse(text);
    }
}
