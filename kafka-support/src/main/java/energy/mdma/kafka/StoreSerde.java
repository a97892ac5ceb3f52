package energy.mdma.kafka;

import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The serde of one kind of stored key or value (a subclass per stored record), given its bytes both ways: the
 * record's own layout, so that a store's changelog keeps the bytes its service wrote. It is its own serializer and
 * deserializer (nothing allocated per call); null stays null (a delete, an absent key). Stateless; no copy: the
 * encoded array is what the store keeps.
 */
public abstract class StoreSerde<T> implements Serde<T>, Serializer<T>, Deserializer<T> {
    private final Function<T, byte[]> encode;
    private final Function<byte[], T> decode;

    protected StoreSerde(Function<T, byte[]> encode, Function<byte[], T> decode) {
        this.encode = encode;
        this.decode = decode;
    }

    @Override
    public final byte[] serialize(String topic, T value) {
        return value == null ? null : encode.apply(value);
    }

    @Override
    public final T deserialize(String topic, byte[] bytes) {
        return bytes == null ? null : decode.apply(bytes);
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
