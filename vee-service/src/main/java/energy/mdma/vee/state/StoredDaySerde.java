package energy.mdma.vee.state;

import energy.mdma.kafka.StoreSerde;

/** The serde of {@link StoredDay} (its layout: {@link StoredDay}'s encode and decode). */
public final class StoredDaySerde extends StoreSerde<StoredDay> {
    public StoredDaySerde() {
        super(StoredDay::encode, StoredDay::decode);
    }
}
