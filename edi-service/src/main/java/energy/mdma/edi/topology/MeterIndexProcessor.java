package energy.mdma.edi.topology;

import energy.mdma.edi.keys.MeterIndexKey;
import energy.mdma.events.MeterEvent;
import energy.mdma.kafka.BinaryAvroSerde;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the global meter index of edi-service ({@link MeterIndexKey}): {@code m|meterId -> service account} and
 * {@code a|account|meterId -> MeterEvent}, so that all meters of an account are one prefix scan.
 */
final class MeterIndexProcessor implements Processor<String, MeterEvent, Void, Void> {
    private final BinaryAvroSerde<MeterEvent> serde = new BinaryAvroSerde<>(MeterEvent.class);
    private KeyValueStore<String, byte[]> index;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        index = context.getStateStore(EdiTopology.METER_INDEX_STORE);
    }

    @Override
    public void process(Record<String, MeterEvent> record) {
        MeterEvent m = record.value();
        String meterId = m == null ? record.key() : m.getMeterId();
        byte[] oldAccount = index.get(MeterIndexKey.meter(meterId));
        if (oldAccount != null) {
            index.delete(MeterIndexKey.accountMeter(new String(oldAccount, java.nio.charset.StandardCharsets.UTF_8), meterId));
        }
        if (m == null) {
            index.delete(MeterIndexKey.meter(meterId));
            return;
        }
        index.put(MeterIndexKey.meter(meterId), m.getServiceAccount().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        index.put(MeterIndexKey.accountMeter(m.getServiceAccount(), meterId), serde.serializer().serialize(null, m));
    }

    static MeterEvent decode(byte[] bytes) {
        return new BinaryAvroSerde<>(MeterEvent.class).deserializer().deserialize(null, bytes);
    }
}
