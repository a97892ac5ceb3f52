package energy.mdma.vee.state;

import org.apache.kafka.common.serialization.Serde;

import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Checks a store serde against bytes the hand codec wrote before the stores were typed (golden values, taken from that
 * code): a changelog written by a running system restores unchanged, and what the serde writes is what it wrote.
 */
final class StoredBytes {
    private StoredBytes() {
    }

    /**
     * Asserts that {@code serde} writes {@code value} as {@code goldenHex}, and reads those bytes back into a value it
     * writes the same way; returns the value read, for its fields to be checked.
     */
    static <T> T assertSameBytes(Serde<T> serde, T value, String goldenHex) {
        byte[] golden = HexFormat.of().parseHex(goldenHex);
        assertEquals(goldenHex, HexFormat.of().formatHex(serde.serializer().serialize("changelog", value)),
                "the bytes the hand codec wrote");
        T read = serde.deserializer().deserialize("changelog", golden);
        assertEquals(goldenHex, HexFormat.of().formatHex(serde.serializer().serialize("changelog", read)),
                "read back and written again");
        assertNull(serde.serializer().serialize("changelog", null), "a delete stays a delete");
        assertNull(serde.deserializer().deserialize("changelog", null), "an absent value stays absent");
        return read;
    }
}
