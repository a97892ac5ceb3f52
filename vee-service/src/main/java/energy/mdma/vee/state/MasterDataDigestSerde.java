package energy.mdma.vee.state;

import energy.mdma.kafka.StoreSerde;

/** The serde of {@link MasterDataDigest} (its layout: {@link MasterDataDigest}'s encode and decode). */
public final class MasterDataDigestSerde extends StoreSerde<MasterDataDigest> {
    public MasterDataDigestSerde() {
        super(MasterDataDigest::encode, MasterDataDigest::decode);
    }
}
