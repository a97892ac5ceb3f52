package energy.mdma.kafka;

import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.io.IOException;

/**
 * Plain Avro binary of one event type, without the registry: for a service's own state stores (never
 * for topics other services read) and for TopologyTestDriver tests. Arrays of longs and ints are read and written
 * as primitive arrays ({@link PrimitiveArrays}).
 */
public final class BinaryAvroSerde<T extends SpecificRecord> implements Serde<T> {
    /** The thread's array to encode into (the stores' values are encoded in one place, then copied once). */
    private static final ThreadLocal<ArrayEncoder> ENCODERS =
            ThreadLocal.withInitial(ArrayEncoder::new);

    private final SpecificDatumWriter<T> writer;
    private final SpecificDatumReader<T> reader;

    public BinaryAvroSerde(Class<T> type) {
        Schema schema = SpecificData.get().getSchema(type);
        this.writer = new PrimitiveArrays.Writer<>(schema);
        this.reader = PrimitiveArrays.reader(type);
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, data) -> {
            if (data == null) {
                return null;
            }
            ArrayEncoder enc = ENCODERS.get();
            try {
                writer.write(data, enc);
                return enc.bytes();
            } catch (IOException e) {
                throw new SerializationException("cannot write " + data.getSchema().getFullName(), e);
            } finally {
                enc.reset();
            }
        };
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                BinaryDecoder dec = DecoderFactory.get().binaryDecoder(bytes, null);
                return reader.read(null, dec);
            } catch (IOException e) {
                throw new SerializationException("cannot read " + reader.getSchema().getFullName(), e);
            }
        };
    }
}
