package energy.mdma.vee.state;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.util.function.Function;

/**
 * The serde of one kind of stored record (a subclass per record): its bytes are written and read by the record's own
 * layout, the one the processor wrote by hand before the stores were typed, so that a changelog written then restores
 * unchanged. Null stays null (a delete, an absent key). Stateless; no copy: the encoded array is what the store keeps.
 */
abstract class StoreSerde<T> implements Serde<T> {
    private final Serializer<T> serializer;
    private final Deserializer<T> deserializer;

    StoreSerde(Function<T, byte[]> encode, Function<byte[], T> decode) {
        serializer = (topic, value) -> value == null ? null : encode.apply(value);
        deserializer = (topic, bytes) -> bytes == null ? null : decode.apply(bytes);
    }

    @Override
    public final Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public final Deserializer<T> deserializer() {
        return deserializer;
    }
}
