package energy.mdma.kafka;

import io.apicurio.registry.resolver.ParsedSchema;
import io.apicurio.registry.serde.avro.AvroEncoding;
import io.apicurio.registry.serde.avro.AvroSerdeConfig;
import io.apicurio.registry.serde.avro.AvroSerializer;
import io.apicurio.registry.serde.avro.NonRecordContainer;
import io.apicurio.registry.serde.kafka.KafkaSerializer;
import io.apicurio.registry.serde.kafka.config.BaseKafkaSerDeConfig;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/**
 * The events' serializer: Apicurio's (the registry lookup, the wire format of magic byte 0 and the schema id, as
 * {@code AvroKafkaSerializer} writes them), with the record's body written through Avro's buffered binary encoder.
 * Apicurio writes it through Avro's direct encoder, which hands every byte to a synchronized
 * {@code ByteArrayOutputStream} one call at a time: with the long arrays of the reading blocks and the results, that
 * was a third of ingest's CPU and a sixth of vee's in the bench (JFR: {@code DirectBinaryEncoder.writeLong} and the
 * stream's growth). The bytes are the same ({@code EventSerializerTest}).
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

    /** Apicurio's Avro serializer, writing the body through a buffered encoder (one per thread, reused). */
    static final class BufferedBody<U> extends AvroSerializer<U> {
        private final GeneratedClassDatumProvider<U> datums = new GeneratedClassDatumProvider<>();
        private final ThreadLocal<BinaryEncoder> encoders = new ThreadLocal<>();

        @Override
        public void serializeData(ParsedSchema<Schema> schema, U data, OutputStream out) throws IOException {
            if (data instanceof NonRecordContainer<?>) {
                super.serializeData(schema, data, out);
                return;
            }
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, encoders.get());
            encoders.set(encoder);
            datums.createDatumWriter(data, schema.getParsedSchema()).write(data, encoder);
            encoder.flush();
        }
    }
}
