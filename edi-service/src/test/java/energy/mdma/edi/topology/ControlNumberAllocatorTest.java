package energy.mdma.edi.topology;

import energy.mdma.edi.keys.ControlNumberKey;
import energy.mdma.edi.store.ControlNumberKeySerde;
import energy.mdma.edi.store.Counter;
import energy.mdma.edi.store.CounterSerde;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** One ISA13 sequence per partition for all its receivers; stores from before it and restores never reuse a number. */
class ControlNumberAllocatorTest {
    private static final long R = ControlNumberAllocator.RANGE;

    @Test
    void oneSequenceServesEveryReceiverOfThePartition() {
        ControlNumberAllocator numbers = new ControlNumberAllocator(store(), 2, "MDMA");
        assertEquals(2 * R + 1, numbers.nextControlNumber("UDC"));
        assertEquals(2 * R + 2, numbers.nextControlNumber("ESP-1"));
        assertEquals(2 * R + 3, numbers.nextControlNumber("UDC"));
        assertEquals("MDMA020000000001", numbers.nextReportId());
    }

    @Test
    void aStoreWithACounterPerReceiverContinuesAboveEachOfThem() {
        KeyValueStore<ControlNumberKey, Counter> store = store();
        store.put(ControlNumberKey.legacyPerReceiver("UDC"), new Counter(1000));
        store.put(ControlNumberKey.legacyPerReceiver("ESP-1"), new Counter(10));
        store.put(ControlNumberKey.RESTORED, Counter.MARK);
        ControlNumberAllocator numbers = new ControlNumberAllocator(store, 1, "MDMA");
        assertEquals(R + 11, numbers.nextControlNumber("ESP-1"), "above the ESP's own last number");
        assertEquals(R + 1001, numbers.nextControlNumber("UDC"), "above the UDC's own last number");
        assertEquals(R + 1002, numbers.nextControlNumber("ESP-1"), "then one sequence");
    }

    @Test
    void afterARestoreEveryReceiverEvenOneNotSeenContinuesAboveTheNewestPostedNumber() {
        PostedNumbers posted = (partition, prefix) ->
                new PostedNumbers.Last(Map.of("UDC", 3 * R + 500, "ESP-1", 3 * R + 499), 77);
        ControlNumberAllocator numbers = new ControlNumberAllocator(store(), 3, "MDMA", posted);
        assertEquals(3 * R + 501, numbers.nextControlNumber("ESP-2"));
        assertEquals(3 * R + 502, numbers.nextControlNumber("UDC"));
        assertEquals("MDMA030000000078", numbers.nextReportId());
    }

    private static KeyValueStore<ControlNumberKey, Counter> store() {
        KeyValueStore<ControlNumberKey, Counter> store = Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore("numbers"), new ControlNumberKeySerde(), new CounterSerde()).withLoggingDisabled().build();
        MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
        store.init(context.getStateStoreContext(), store);
        return store;
    }
}
