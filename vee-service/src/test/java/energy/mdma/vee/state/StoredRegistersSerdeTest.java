package energy.mdma.vee.state;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.TreeMap;

import static energy.mdma.vee.state.StoredBytes.assertSameBytes;
import static org.junit.jupiter.api.Assertions.assertEquals;

class StoredRegistersSerdeTest {
    private final StoredRegistersSerde serde = new StoredRegistersSerde();

    @Test
    void readingsInReadTimeOrder() {
        StoredRegisters r = new StoredRegisters();
        r.readings.put(Long.MAX_VALUE, Long.MAX_VALUE);
        r.readings.put(0L, 0L);
        r.readings.put(Long.MIN_VALUE, -1L);
        StoredRegisters read = assertSameBytes(serde, r,
                "8000000000000000ffffffffffffffff000000000000000000000000000000007fffffffffffffff7fffffffffffffff");
        assertEquals(new TreeMap<>(Map.of(Long.MIN_VALUE, -1L, 0L, 0L, Long.MAX_VALUE, Long.MAX_VALUE)), read.readings);
    }

    @Test
    void noReadings() {
        assertEquals(Map.of(), assertSameBytes(serde, new StoredRegisters(), "").readings);
    }
}
