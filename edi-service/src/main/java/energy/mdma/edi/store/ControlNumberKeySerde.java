package energy.mdma.edi.store;

import energy.mdma.edi.keys.ControlNumberKey;

/** The keys of {@code edi-control-numbers} ({@link ControlNumberKey}). */
public final class ControlNumberKeySerde extends TextSerde<ControlNumberKey> {
    @Override
    String format(ControlNumberKey key) {
        return key.format();
    }

    @Override
    ControlNumberKey parse(String text) {
        return ControlNumberKey.parse(text);
    }
}
