package energy.mdma.vee.state;

import org.junit.jupiter.api.Test;

import static energy.mdma.vee.state.StoredBytes.assertSameBytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class MasterDataDigestSerdeTest {
    private final MasterDataDigestSerde serde = new MasterDataDigestSerde();

    @Test
    void theDigestIsTheBytesThemselves() {
        byte[] digest = {0, -1, 127, -128, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
        MasterDataDigest d = new MasterDataDigest(digest);
        assertEquals(d, assertSameBytes(serde, d, "00ff7f80010203040506070809" + "0a0b0c"));
        assertSame(digest, serde.serializer().serialize("changelog", d), "not copied");
        assertEquals(d, new MasterDataDigest(digest.clone()), "equal by content");
        assertNotEquals(d, new MasterDataDigest(new byte[16]));
    }
}
