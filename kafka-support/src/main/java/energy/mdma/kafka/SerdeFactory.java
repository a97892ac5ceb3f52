package energy.mdma.kafka;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;

/** Makes the value serde of an event type: through the registry in production, plain binary in topology tests. */
@FunctionalInterface
public interface SerdeFactory {
    <T extends SpecificRecord> Serde<T> serde(Class<T> type);

    /**
     * A reader of a topic's values for a service that stores {@code type}'s records and decodes them later: those
     * written with {@code type}'s own schema come as {@link EncodedEvent}s (checked, not decoded), every other record
     * decoded as {@link #serde}'s reader reads it. By default all are decoded.
     */
    default Deserializer<Object> encodedOrDecoded(Class<? extends SpecificRecord> type) {
        @SuppressWarnings("unchecked")
        Deserializer<Object> decoded = (Deserializer<Object>) (Deserializer<?>) serde(type).deserializer();
        return decoded;
    }

    /** The schema of a generated class (its own). */
    static Schema schemaOf(Class<? extends SpecificRecord> type) {
        return SpecificData.get().getSchema(type);
    }

    /** Serdes through the schema registry at {@code registryUrl}. */
    static SerdeFactory registry(String registryUrl) {
        return new SerdeFactory() {
            @Override
            public <T extends SpecificRecord> Serde<T> serde(Class<T> type) {
                return EventSerdes.valueSerde(registryUrl);
            }

            @Override
            public Deserializer<Object> encodedOrDecoded(Class<? extends SpecificRecord> type) {
                return new EventDeserializer(registryUrl, type);
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

            /** Plain binary is always written with the class's own schema: every record comes encoded. */
            @Override
            public Deserializer<Object> encodedOrDecoded(Class<? extends SpecificRecord> type) {
                Schema own = schemaOf(type);
                return (topic, data) -> data == null ? null : EncodedEvent.read(own, data, 0, data.length);
            }
        };
    }
}
