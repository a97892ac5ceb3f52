package energy.mdma.edi.store;

/** The values of {@code edi-account-master-data-seen}: the digest's bytes as they are ({@link MasterDataDigest}). */
public final class MasterDataDigestSerde extends StoreSerde<MasterDataDigest> {
    @Override
    byte[] toBytes(MasterDataDigest value) {
        return value.bytes();
    }

    @Override
    MasterDataDigest fromBytes(byte[] bytes) {
        return new MasterDataDigest(bytes);
    }
}
