package energy.mdma.events.kafka;

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
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads registry-encoded events as the generated classes of this module. Apicurio's own specific reader looks the
 * classes up through its own class loader, which cannot see them when the application's classes are loaded apart
 * from the libraries (Quarkus test and dev mode). Here the registry's deserializer reads them generically (writer
 * schema from the registry) and the generic record is resolved into the generated class (reader schema = the
 * class's, with its logical-type conversions) through this class's own class loader - the one of the generated
 * classes. Records of types not generated here stay generic; a null value (tombstone) stays null.
 */
public final class EventDeserializer implements Deserializer<Object> {

    private final AvroKafkaDeserializer<Object> registry = new AvroKafkaDeserializer<>();
    private final ClassLoader loader = EventDeserializer.class.getClassLoader();
    private final SpecificData specific = new SpecificData(loader);
    /** Per writer schema: how to turn its generic records into the generated class (empty: keep generic). */
    private final Map<Schema, Optional<SpecificDatumReader<Object>>> readers = new ConcurrentHashMap<>();

    public EventDeserializer(String registryUrl) {
        Map<String, Object> c = new HashMap<>(EventSerdes.config(registryUrl));
        c.put(AvroSerdeConfig.USE_SPECIFIC_AVRO_READER, false);
        registry.configure(c, false);
    }

    @Override
    public Object deserialize(String topic, byte[] data) {
        return data == null ? null : toSpecific(registry.deserialize(topic, data));
    }

    @Override
    public Object deserialize(String topic, Headers headers, byte[] data) {
        return data == null ? null : toSpecific(registry.deserialize(topic, headers, data));
    }

    /** A generic record of a generated type as that type; anything else as it is. */
    Object toSpecific(Object value) {
        if (value instanceof SpecificRecord || !(value instanceof GenericRecord record)) {
            return value;
        }
        Schema writer = record.getSchema();
        Optional<SpecificDatumReader<Object>> reader = readers.computeIfAbsent(writer, this::readerFor);
        if (reader.isEmpty()) {
            return value;
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(512);
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            new GenericDatumWriter<GenericRecord>(writer).write(record, encoder);
            encoder.flush();
            return reader.get().read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot resolve " + writer.getFullName() + " into its generated class", e);
        }
    }

    private Optional<SpecificDatumReader<Object>> readerFor(Schema writer) {
        Class<?> type = specific.getClass(writer);
        if (type == null || !SpecificRecord.class.isAssignableFrom(type)) {
            return Optional.empty();
        }
        Schema reader = specific.getSchema(type);
        // the class's logical-type conversions (timestamps, dates, decimals), also for those inside unions
        // (nullable timestamps), which the reader takes from the model rather than from the class
        SpecificData.getForClass(type).getConversions().forEach(specific::addLogicalTypeConversion);
        return Optional.of(new SpecificDatumReader<>(writer, reader, specific));
    }

    @Override
    public void close() {
        registry.close();
    }
}
