package energy.mdma.vee.state;

import java.util.Arrays;

/**
 * The digest of the master data a channel's last evaluation used (16 bytes, see the topology's MasterDataFingerprint),
 * as kept in {@code vee-master-data-seen}: the bytes themselves, not copied.
 */
public record MasterDataDigest(byte[] bytes) {
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
        return "MasterDataDigest" + Arrays.toString(bytes);
    }

    byte[] encode() {
        return bytes;
    }

    static MasterDataDigest decode(byte[] bytes) {
        return new MasterDataDigest(bytes);
    }
}
