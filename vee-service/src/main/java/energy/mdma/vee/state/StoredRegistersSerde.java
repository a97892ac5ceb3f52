package energy.mdma.vee.state;

import energy.mdma.kafka.StoreSerde;

/** The serde of {@link StoredRegisters} (its layout: {@link StoredRegisters}'s encode and decode). */
public final class StoredRegistersSerde extends StoreSerde<StoredRegisters> {
    public StoredRegistersSerde() {
        super(StoredRegisters::encode, StoredRegisters::decode);
    }
}
