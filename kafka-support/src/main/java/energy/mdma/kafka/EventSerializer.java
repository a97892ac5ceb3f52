package energy.mdma.kafka;

import io.apicurio.registry.resolver.SchemaLookupResult;
import io.apicurio.registry.serde.BaseSerde;
import io.apicurio.registry.serde.avro.AvroEncoding;
import io.apicurio.registry.serde.avro.AvroSerdeConfig;
import io.apicurio.registry.serde.avro.AvroSerializer;
import io.apicurio.registry.serde.avro.NonRecordContainer;
import io.apicurio.registry.serde.data.SerdeMetadata;
import io.apicurio.registry.serde.data.SerdeRecord;
import io.apicurio.registry.serde.kafka.KafkaSerializer;
import io.apicurio.registry.serde.kafka.config.BaseKafkaSerDeConfig;
import org.apache.avro.Schema;
import org.apache.kafka.common.header.Headers;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The events' serializer: Apicurio's (the registry lookup, the wire format of magic byte 0 and the schema id, as
 * {@code AvroKafkaSerializer} writes them), with the record written by Avro's encoding into an array of the thread's
 * that is kept for the next record ({@link ArrayEncoder}); the record's bytes are one copy of it. Apicurio writes the
 * body through Avro's direct encoder, which hands every byte to a synchronized {@code ByteArrayOutputStream} one call
 * at a time (with the long arrays of the reading blocks and the results, a third of ingest's CPU and a sixth of vee's
 * in the bench), and that stream doubles its array as the record comes in and is copied whole at the end; Avro's
 * buffered encoder copies a {@code bytes} field whole before writing it. With the 867 files (DocumentPosted, up to
 * megabytes each) those copies were two thirds of what edi allocated in the bench. The bytes are the same
 * ({@code EventSerializerTest}); schemas are resolved (and registered) by Apicurio's resolver, remembered per topic
 * and record schema as Apicurio's serializer does.
 *
 * <p>Schema ids in record headers ({@code apicurio.registry.headers.enabled}) are not used by the MDMA and are
 * refused here, as is anything but binary encoding, rather than written differently from Apicurio's serializer.
 */
public final class EventSerializer<U> extends KafkaSerializer<Schema, U> {

    public EventSerializer() {
        super(new BufferedBody<>());
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (new BaseKafkaSerDeConfig(configs).enableHeaders()) {
            throw new IllegalArgumentException("EventSerializer writes the schema id before the record, as the "
                    + "services read it: remove apicurio.registry.headers.enabled from the serializer's configuration");
        }
        Object datums = configs.get(AvroSerdeConfig.AVRO_DATUM_PROVIDER);
        if (datums != null && datums != GeneratedClassDatumProvider.class
                && !GeneratedClassDatumProvider.class.getName().equals(datums)) {
            throw new IllegalArgumentException("EventSerializer writes the generated event classes with "
                    + GeneratedClassDatumProvider.class.getName() + ", not " + datums);
        }
        super.configure(configs, isKey);
        if (((AvroSerializer<U>) delegatedSerializer).getEncoding() != AvroEncoding.BINARY) {
            throw new IllegalArgumentException("EventSerializer writes Avro binary: remove the JSON encoding "
                    + "(apicurio.registry.avro.encoding) from the serializer's configuration");
        }
    }

    @Override
    public byte[] serialize(String topic, Headers headers, U data) {
        // schema ids never travel in headers (refused in configure), so the headers are not written
        return serialize(topic, data);
    }

    @Override
    public byte[] serialize(String topic, U data) {
        return data == null ? null : ((BufferedBody<U>) delegatedSerializer).serialize(topic, data);
    }

    /**
     * Apicurio's Avro serializer, writing the whole record (magic byte, schema id, body) through the thread's
     * {@link ArrayEncoder} and returning a copy of exactly its bytes.
     */
    static final class BufferedBody<U> extends AvroSerializer<U> {
        /** As many schemas as Apicurio's own serializer remembers per (topic, record schema). */
        private static final int MAX_SCHEMAS = 1000;

        private final GeneratedClassDatumProvider<U> datums = new GeneratedClassDatumProvider<>();
        private final ThreadLocal<ArrayEncoder> encoders = ThreadLocal.withInitial(ArrayEncoder::new);
        private final Map<Map.Entry<String, Object>, SchemaLookupResult<Schema>> schemas = new ConcurrentHashMap<>();

        /**
         * What Apicurio's {@code AbstractSerializer.serializeData(topic, data)} writes - the schema resolved (and
         * registered) by its resolver, magic byte 0, the id as its id handler writes it, the body - without its
         * stream, which doubles its array as the body comes in and is then copied whole.
         */
        byte[] serialize(String topic, U data) {
            if (data instanceof NonRecordContainer<?>) {
                return serializeData(topic, data);
            }
            SchemaLookupResult<Schema> schema = schema(topic, data);
            ArrayEncoder encoder = encoders.get();
            try {
                OutputStream out = encoder.stream();
                out.write(BaseSerde.MAGIC_BYTE);
                getSerdeConfigurer().getIdHandler().writeId(schema.toArtifactReference(), out);
                datums.createDatumWriter(data, schema.getParsedSchema().getParsedSchema()).write(data, encoder);
                return encoder.bytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                encoder.reset();
            }
        }

        private SchemaLookupResult<Schema> schema(String topic, U data) {
            Object key = getSchemaCacheKey(data);
            Map.Entry<String, Object> cacheKey = key == null ? null : Map.entry(topic, key);
            SchemaLookupResult<Schema> schema = cacheKey == null ? null : schemas.get(cacheKey);
            if (schema == null) {
                SerdeRecord<U> record = new SerdeRecord<>(new SerdeMetadata(topic, getSerdeConfigurer().isKey()), data);
                schema = RegistryRetry.onServerError(() -> getSerdeConfigurer().getSchemaResolver().resolveSchema(record),
                        RegistryRetry.SLEEP);
                if (cacheKey != null) {
                    if (schemas.size() >= MAX_SCHEMAS) {
                        schemas.clear();
                    }
                    schemas.put(cacheKey, schema);
                }
            }
            return schema;
        }
    }
}
