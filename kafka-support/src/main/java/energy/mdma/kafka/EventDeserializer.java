package energy.mdma.kafka;

import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads registry-encoded events of any type (a topic may carry several) as the generated classes of schemas;
 * records of types not generated here stay generic; a null value (tombstone) stays null. The reading itself is
 * {@link GeneratedClassDatumProvider}'s: one reader per writer schema, straight into the generated class.
 */
public final class EventDeserializer implements Deserializer<Object> {

    private final AvroKafkaDeserializer<Object> registry = new AvroKafkaDeserializer<>();

    public EventDeserializer(String registryUrl) {
        registry.configure(EventSerdes.config(registryUrl), false);
    }

    @Override
    public Object deserialize(String topic, byte[] data) {
        return data == null ? null : registry.deserialize(topic, data);
    }

    @Override
    public Object deserialize(String topic, Headers headers, byte[] data) {
        return data == null ? null : registry.deserialize(topic, headers, data);
    }

    @Override
    public void close() {
        registry.close();
    }
}
