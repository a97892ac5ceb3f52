package energy.mdma.edi.store;

import energy.mdma.kafka.StoreSerde;

/** The values of {@code edi-account-master-data-seen}: the digest's bytes as they are ({@link MasterDataDigest}). */
public final class MasterDataDigestSerde extends StoreSerde<MasterDataDigest> {
    public MasterDataDigestSerde() {
        super(MasterDataDigest::bytes, MasterDataDigest::new);
    }
}
