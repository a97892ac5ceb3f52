package energy.mdma.kafka;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/** Makes the value serde of an event type: through the registry in production, plain binary in topology tests. */
@FunctionalInterface
public interface SerdeFactory {
    <T extends SpecificRecord> Serde<T> serde(Class<T> type);

    /** Serdes through the schema registry at {@code registryUrl}. */
    static SerdeFactory registry(String registryUrl) {
        return new SerdeFactory() {
            @Override
            public <T extends SpecificRecord> Serde<T> serde(Class<T> type) {
                return EventSerdes.valueSerde(registryUrl);
            }
        };
    }

    /** Plain Avro binary without a registry: for TopologyTestDriver tests and private state stores. */
    static SerdeFactory binary() {
        return new SerdeFactory() {
            @Override
            public <T extends SpecificRecord> Serde<T> serde(Class<T> type) {
                return new BinaryAvroSerde<>(type);
            }
        };
    }
}
