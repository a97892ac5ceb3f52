package energy.mdma.edi.store;

import energy.mdma.edi.keys.ReceiverStateKey;

/** The keys of {@code edi-receiver-state}: {@code summary-dirty|receiver}, {@code summary-hash|receiver} ({@link ReceiverStateKey}). */
public final class ReceiverStateKeySerde extends TextSerde<ReceiverStateKey> {
    public ReceiverStateKeySerde() {
        super(ReceiverStateKey::format, ReceiverStateKey::parse);
    }
}
