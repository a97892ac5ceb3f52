package energy.mdma.edi.store;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.util.Map;

/**
 * The serde of one kind of stored key or value: its own serializer and deserializer (no allocation per call); null
 * stays null (Kafka Streams' delete and absent).
 */
abstract class StoreSerde<T> implements Serde<T>, Serializer<T>, Deserializer<T> {

    /** The bytes of a (non-null) value. */
    abstract byte[] toBytes(T value);

    /** The inverse of {@link #toBytes}. */
    abstract T fromBytes(byte[] bytes);

    @Override
    public final byte[] serialize(String topic, T value) {
        return value == null ? null : toBytes(value);
    }

    @Override
    public final T deserialize(String topic, byte[] bytes) {
        return bytes == null ? null : fromBytes(bytes);
    }

    @Override
    public final Serializer<T> serializer() {
        return this;
    }

    @Override
    public final Deserializer<T> deserializer() {
        return this;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
    }

    @Override
    public void close() {
    }
}
