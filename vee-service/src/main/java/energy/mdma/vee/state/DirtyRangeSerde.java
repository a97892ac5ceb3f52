package energy.mdma.vee.state;

import energy.mdma.kafka.StoreSerde;

/** The serde of {@link DirtyRange} (its layout: {@link DirtyRange}'s encode and decode). */
public final class DirtyRangeSerde extends StoreSerde<DirtyRange> {
    public DirtyRangeSerde() {
        super(DirtyRange::encode, DirtyRange::decode);
    }
}
