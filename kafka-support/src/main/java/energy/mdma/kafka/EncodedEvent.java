package energy.mdma.kafka;

import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;

import java.util.Arrays;

/**
 * An event as it was written, not decoded: the Avro binary body of a record written with the schema of a generated
 * class (its own, so the bytes are exactly what that class's binary encoding is), checked to be a whole datum of it.
 * For a service that stores what it reads and decodes it later, if at all (edi keeps each channel-period's newest
 * result and reads it when it decides the account-period): decoding it on arrival and encoding it again for the store
 * was a quarter of edi's stream thread in ./mdma bench.
 *
 * <p>Read by {@link EventDeserializer} (a reader that keeps one class's records encoded) or, without a registry,
 * {@link SerdeFactory#encodedOrDecoded}.
 */
public final class EncodedEvent {
    private final Schema schema;
    private final byte[] body;

    private EncodedEvent(Schema schema, byte[] body) {
        this.schema = schema;
        this.body = body;
    }

    /**
     * The datum of {@code schema} that starts at {@code start} (bytes after it, up to {@code length}, are not part of
     * it, as Avro's reader ignores them), copied out.
     *
     * @throws AvroRuntimeException when the bytes are no such datum (cut short, a length or count beyond them, an enum
     *                              symbol or union branch that does not exist): what a reader of it would refuse
     */
    public static EncodedEvent read(Schema schema, byte[] bytes, int start, int length) {
        AvroBytes in = new AvroBytes(bytes, start, length, schema.getName());
        in.skip(schema);
        return new EncodedEvent(schema, Arrays.copyOfRange(bytes, start, in.position()));
    }

    /** The schema it was written with: a generated class's own. */
    public Schema schema() {
        return schema;
    }

    /** The Avro binary of the datum (without the registry's magic byte and schema id). Not to be changed. */
    public byte[] body() {
        return body;
    }

    @Override
    public String toString() {
        return "EncodedEvent[" + schema.getFullName() + ", " + body.length + " bytes]";
    }
}
