package energy.mdma.kafka;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The digest of the master data a decision was last taken with, as the Streams services keep it per channel (vee,
 * {@code vee-master-data-seen}) or per account (edi, {@code edi-account-master-data-seen}) to see whether master data
 * that arrived change anything: the bytes of the service's fingerprint, compared by content. Stored as they are
 * ({@link MasterDataDigestSerde}); they are not copied.
 */
public final class MasterDataDigest {
    private final byte[] bytes;

    public MasterDataDigest(byte[] bytes) {
        if (bytes == null) {
            throw new IllegalArgumentException("a master data digest needs its bytes");
        }
        this.bytes = bytes;
    }

    /** Whether this is the digest {@code other} (a fingerprint's bytes). */
    public boolean matches(byte[] other) {
        return Arrays.equals(bytes, other);
    }

    /** The digest's bytes (not a copy: do not change them). */
    public byte[] bytes() {
        return bytes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MasterDataDigest d && Arrays.equals(bytes, d.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return HexFormat.of().formatHex(bytes);
    }
}
