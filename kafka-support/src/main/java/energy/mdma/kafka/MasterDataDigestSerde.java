package energy.mdma.kafka;

/** The stored values of {@link MasterDataDigest}: the digest's bytes as they are. */
public final class MasterDataDigestSerde extends StoreSerde<MasterDataDigest> {
    public MasterDataDigestSerde() {
        super(MasterDataDigest::bytes, MasterDataDigest::new);
    }
}
