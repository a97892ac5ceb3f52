package energy.mdma.edi.store;

import energy.mdma.edi.decision.ResultHeader;
import energy.mdma.events.ChannelPeriodResult;
import energy.mdma.kafka.EncodedEvent;
import org.apache.avro.Schema;
import energy.mdma.kafka.BinaryAvroSerde;

/**
 * The value of {@code edi-channel-period-results}: a channel-period's newest VEE result, binary Avro. Read lazily:
 * a scan of the store that needs only its keys (an account's account-periods, the pruning's seek) decodes nothing,
 * what is needed before deciding (version, data) is read from the bytes' first fields ({@link #header()}), and a
 * result is decoded once, when {@link #result()} is first asked for. A result that arrived as vee wrote it
 * ({@link EncodedEvent}) is stored as it is: never decoded before its account-period is decided, nor encoded again.
 */
public final class StoredResult {
    private static final BinaryAvroSerde<ChannelPeriodResult> AVRO = new BinaryAvroSerde<>(ChannelPeriodResult.class);

    private static final Schema OWN = ChannelPeriodResult.getClassSchema();

    private final byte[] bytes;
    private ChannelPeriodResult result;
    private ResultHeader header;

    private StoredResult(byte[] bytes, ChannelPeriodResult result) {
        this.bytes = bytes;
        this.result = result;
    }

    /** A result to store (encoded here, once). */
    public static StoredResult of(ChannelPeriodResult result) {
        return new StoredResult(AVRO.serializer().serialize(null, result), result);
    }

    /**
     * A result as it arrived, its bytes stored as they are (written with the result's own schema: what this store
     * holds).
     */
    public static StoredResult of(EncodedEvent arrived) {
        if (arrived.schema() != OWN && !OWN.equals(arrived.schema())) {
            throw new IllegalArgumentException("a channel-period result is stored as written only with its own schema, "
                    + "not " + arrived.schema().getFullName());
        }
        return new StoredResult(arrived.body(), null);
    }

    /** A value of the topology's results stream: a result as it arrived encoded, or one decoded. */
    public static StoredResult arrived(Object value) {
        return value instanceof EncodedEvent e ? of(e) : of((ChannelPeriodResult) value);
    }

    static StoredResult ofBytes(byte[] bytes) {
        return new StoredResult(bytes, null);
    }

    /** The result (decoded on the first call). */
    public ChannelPeriodResult result() {
        if (result == null) {
            result = AVRO.deserializer().deserialize(null, bytes);
        }
        return result;
    }

    /** Where the result belongs, its version and whether it has data (read from the bytes, not decoded). */
    public ResultHeader header() {
        if (header == null) {
            header = result != null ? ResultHeader.of(result) : ResultHeader.read(bytes);
        }
        return header;
    }

    byte[] bytes() {
        return bytes;
    }
}
