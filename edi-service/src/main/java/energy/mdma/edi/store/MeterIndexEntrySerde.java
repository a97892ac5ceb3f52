package energy.mdma.edi.store;

import energy.mdma.kafka.StoreSerde;

/** The values of the global {@code edi-meter-index}: the entry's bytes as they are ({@link MeterIndexEntry}). */
public final class MeterIndexEntrySerde extends StoreSerde<MeterIndexEntry> {
    public MeterIndexEntrySerde() {
        super(MeterIndexEntry::bytes, MeterIndexEntry::new);
    }
}
