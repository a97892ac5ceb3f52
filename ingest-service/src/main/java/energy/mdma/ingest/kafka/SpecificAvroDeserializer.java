package energy.mdma.ingest.kafka;

import energy.mdma.events.kafka.EventSerdes;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroSerdeConfig;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registry's Avro deserializer, giving the generated event classes of module schemas. Apicurio's own specific
 * reader looks the classes up through its own class loader, which cannot see them when the application's classes
 * are loaded apart from the libraries (Quarkus dev and test mode); here the classes are resolved through this
 * class's loader instead: the record is read as generic (writer schema from the registry) and resolved into the
 * generated class by Avro schema resolution. Unknown record types stay generic.
 */
public final class SpecificAvroDeserializer implements Deserializer<Object> {
    private final AvroKafkaDeserializer<Object> generic = new AvroKafkaDeserializer<>();
    private final ClassLoader loader = SpecificAvroDeserializer.class.getClassLoader();
    private final SpecificData data = new SpecificData(loader);
    private final Map<Schema, Reader> readers = new ConcurrentHashMap<>();

    private record Reader(GenericDatumWriter<Object> writer, SpecificDatumReader<Object> reader) {
    }

    public SpecificAvroDeserializer(String registryUrl) {
        Map<String, Object> c = new java.util.HashMap<>(EventSerdes.config(registryUrl));
        c.put(AvroSerdeConfig.USE_SPECIFIC_AVRO_READER, false);
        generic.configure(c, false);
    }

    @Override
    public Object deserialize(String topic, byte[] bytes) {
        return specific(generic.deserialize(topic, bytes));
    }

    @Override
    public Object deserialize(String topic, Headers headers, byte[] bytes) {
        return specific(generic.deserialize(topic, headers, bytes));
    }

    private Object specific(Object value) {
        if (!(value instanceof GenericRecord g) || value instanceof org.apache.avro.specific.SpecificRecord) {
            return value;
        }
        Reader r = readers.computeIfAbsent(g.getSchema(), this::reader);
        if (r == null) {
            return value;
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(256);
            BinaryEncoder enc = EncoderFactory.get().binaryEncoder(out, null);
            r.writer().write(g, enc);
            enc.flush();
            return r.reader().read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot read " + g.getSchema().getFullName() + " as the generated class: "
                    + e.getMessage(), e);
        }
    }

    private Reader reader(Schema writer) {
        try {
            Class<?> type = Class.forName(writer.getFullName(), true, loader);
            Schema reader = (Schema) type.getField("SCHEMA$").get(null);
            return new Reader(new GenericDatumWriter<>(writer), new SpecificDatumReader<>(writer, reader, data));
        } catch (ReflectiveOperationException | ClassCastException e) {
            return null;
        }
    }

    @Override
    public void close() {
        generic.close();
    }
}
