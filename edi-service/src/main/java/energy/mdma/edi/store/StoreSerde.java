package energy.mdma.edi.store;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.util.Map;
import java.util.function.Function;

/**
 * The serde of one kind of stored key or value, given its bytes both ways: its own serializer and deserializer (no
 * allocation per call); null stays null (Kafka Streams' delete and absent). One subclass per stored record.
 */
abstract class StoreSerde<T> implements Serde<T>, Serializer<T>, Deserializer<T> {
    private final Function<T, byte[]> toBytes;
    private final Function<byte[], T> fromBytes;

    StoreSerde(Function<T, byte[]> toBytes, Function<byte[], T> fromBytes) {
        this.toBytes = toBytes;
        this.fromBytes = fromBytes;
    }

    @Override
    public final byte[] serialize(String topic, T value) {
        return value == null ? null : toBytes.apply(value);
    }

    @Override
    public final T deserialize(String topic, byte[] bytes) {
        return bytes == null ? null : fromBytes.apply(bytes);
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
