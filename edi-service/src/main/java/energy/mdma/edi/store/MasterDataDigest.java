package energy.mdma.edi.store;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The value of {@code edi-account-master-data-seen}: the SHA-256 of the master data an account's account-periods were
 * last decided with (MasterDataFingerprint). Its bytes are stored as they are; they are not copied.
 */
public final class MasterDataDigest {
    private final byte[] sha256;

    public MasterDataDigest(byte[] sha256) {
        if (sha256 == null) {
            throw new IllegalArgumentException("a master data digest needs its bytes");
        }
        this.sha256 = sha256;
    }

    /** Whether this is the digest {@code other} (MasterDataFingerprint's bytes). */
    public boolean matches(byte[] other) {
        return Arrays.equals(sha256, other);
    }

    byte[] bytes() {
        return sha256;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MasterDataDigest d && Arrays.equals(sha256, d.sha256);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(sha256);
    }

    @Override
    public String toString() {
        return HexFormat.of().formatHex(sha256);
    }
}
