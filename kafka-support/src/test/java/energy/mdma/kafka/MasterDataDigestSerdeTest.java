package energy.mdma.kafka;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The digest is stored as its bytes, as vee (16 bytes) and edi (SHA-256) wrote them before it was shared. */
class MasterDataDigestSerdeTest {
    private final MasterDataDigestSerde serde = new MasterDataDigestSerde();

    @Test
    void theDigestIsTheBytesThemselves() {
        byte[] digest = {0, -1, 127, -128, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
        MasterDataDigest d = new MasterDataDigest(digest);
        assertEquals("00ff7f80010203040506070809" + "0a0b0c", HexFormat.of().formatHex(serde.serialize("changelog", d)));
        assertSame(digest, serde.serializer().serialize("changelog", d), "not copied");
        assertEquals(d, serde.deserialize("changelog", digest.clone()));
        assertEquals(d, new MasterDataDigest(digest.clone()), "equal by content");
        assertEquals(d.hashCode(), new MasterDataDigest(digest.clone()).hashCode());
        assertNotEquals(d, new MasterDataDigest(new byte[16]));
        assertTrue(d.matches(digest.clone()));
        assertFalse(d.matches(new byte[32]));
        assertEquals("00ff7f80010203040506070809" + "0a0b0c", d.toString());
        byte[] sha256 = new byte[32];
        sha256[31] = 1;
        assertArrayEquals(sha256, serde.deserialize(null, sha256).bytes());
        assertNull(serde.serialize("changelog", null));
        assertNull(serde.deserialize("changelog", null));
        assertThrows(IllegalArgumentException.class, () -> new MasterDataDigest(null));
    }
}
