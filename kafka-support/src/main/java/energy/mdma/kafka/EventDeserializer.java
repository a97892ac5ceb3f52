package energy.mdma.kafka;

import energy.mdma.events.IntervalBlock;
import io.apicurio.registry.resolver.ParsedSchema;
import io.apicurio.registry.resolver.SchemaLookupResult;
import io.apicurio.registry.resolver.strategy.ArtifactReference;
import io.apicurio.registry.serde.IdHandler;
import io.apicurio.registry.serde.avro.AvroDeserializer;
import io.apicurio.registry.serde.config.SerdeConfig;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

import java.nio.ByteBuffer;

/**
 * Reads registry-encoded events of any type (a topic may carry several) as the generated classes of schemas;
 * records of types not generated here stay generic; a null value (tombstone) stays null. The reading itself is
 * {@link GeneratedClassDatumProvider}'s: one reader per writer schema, straight into the generated class.
 *
 * <p>A consumer hands a record's value as a buffer over the bytes it fetched ({@link #deserialize(String, Headers,
 * ByteBuffer)}): it is read where it lies, as Apicurio reads an array (magic byte, schema id, body), instead of being
 * copied into an array first as Kafka's default does. The 867 files are most of what delivery-service reads: that
 * copy was a fifth of what it allocated in the bench. An {@link IntervalBlock} written with the generated class's own
 * schema, what ingest and vee read most, is read from those bytes by hand ({@link IntervalBlockReader}).
 *
 * <p>A reader made for a service that stores what it reads ({@link #EventDeserializer(String, Class)}) hands the
 * records of one class written with that class's own schema over as they are ({@link EncodedEvent}, checked, not
 * decoded); that class's records written with any other schema (older, newer) are decoded, with schema resolution.
 */
public final class EventDeserializer implements Deserializer<Object> {

    /** Package-private for tests (which schemas it reads by hand). */
    final InPlace inPlace = new InPlace();

    public EventDeserializer(String registryUrl) {
        this(registryUrl, null);
    }

    /**
     * A reader that hands {@code keptEncoded}'s records written with its own schema over as {@link EncodedEvent}s
     * (null: none, every record decoded).
     */
    public EventDeserializer(String registryUrl, Class<? extends SpecificRecord> keptEncoded) {
        inPlace.keptEncoded = keptEncoded == null ? null : new OwnSchema(SerdeFactory.schemaOf(keptEncoded));
        // configured as Apicurio's AvroKafkaDeserializer configures its Avro deserializer; the configuration never
        // puts schema ids in headers (EventSerializer refuses it), so the headers are not read
        inPlace.configure(new SerdeConfig(EventSerdes.config(registryUrl)), false);
    }

    @Override
    public Object deserialize(String topic, byte[] data) {
        return data == null ? null : inPlace.deserializeData(topic, data);
    }

    @Override
    public Object deserialize(String topic, Headers headers, byte[] data) {
        return deserialize(topic, data);
    }

    @Override
    public Object deserialize(String topic, Headers headers, ByteBuffer data) {
        if (data == null) {
            return null;
        }
        if (!data.hasArray() || inPlace.getFallbackArtifactProvider() != null) {
            return Deserializer.super.deserialize(topic, headers, data);
        }
        return inPlace.read(topic, data);
    }

    @Override
    public void close() {
        inPlace.close();
    }

    /** Apicurio's Avro deserializer, reading a value from the array behind a buffer, at the buffer's position. */
    static final class InPlace extends AvroDeserializer<Object> {
        Object read(String topic, ByteBuffer value) {
            ByteBuffer buffer = value.slice();
            if (buffer.remaining() < 1 || buffer.get() != 0) {
                throw new IllegalStateException("Unknown magic byte!"); // as Apicurio says it of an array
            }
            IdHandler ids = getSerdeConfigurer().getIdHandler();
            ArtifactReference ref = ids.readId(buffer);
            SchemaLookupResult<Schema> schema = resolve(topic, null, ref);
            int length = buffer.limit() - 1 - ids.idSize(ref, buffer);
            int start = buffer.position() + buffer.arrayOffset();
            return readData(schema.getParsedSchema(), buffer, start, length);
        }

        /** Blocks written with IntervalBlock's own schema: read by hand. */
        final OwnSchema blocks = new OwnSchema(IntervalBlock.getClassSchema());
        /** The records kept encoded (null: none). */
        OwnSchema keptEncoded;

        /**
         * A block written with IntervalBlock's own schema is read from the record's bytes by hand
         * ({@link IntervalBlockReader}), a record of the class kept encoded written with its own schema is checked and
         * kept as it is ({@link EncodedEvent}); any other record is read as Apicurio reads it.
         */
        @Override
        protected Object readData(ParsedSchema<Schema> schema, ByteBuffer buffer, int start, int length) {
            if (buffer.hasArray()) {
                Schema writer = schema.getParsedSchema();
                if (blocks.is(writer)) {
                    return IntervalBlockReader.read(buffer.array(), start, length);
                }
                if (keptEncoded != null && keptEncoded.is(writer)) {
                    return EncodedEvent.read(keptEncoded.own, buffer.array(), start, length);
                }
            }
            return super.readData(schema, buffer, start, length);
        }
    }

    /**
     * Whether a writer schema is a generated class's own, told by identity after the first time: the registry's
     * parsed schema is one instance per schema id, so the last found to be and the last found not to be are kept.
     */
    static final class OwnSchema {
        final Schema own;
        volatile Schema found;
        private volatile Schema other;

        OwnSchema(Schema own) {
            this.own = own;
        }

        boolean is(Schema writer) {
            if (writer == found) {
                return true;
            }
            if (writer == other) {
                return false;
            }
            if (writer.getType() == Schema.Type.RECORD && own.getFullName().equals(writer.getFullName())
                    && own.equals(writer)) {
                found = writer;
                return true;
            }
            other = writer;
            return false;
        }
    }
}
