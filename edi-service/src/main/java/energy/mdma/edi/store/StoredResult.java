package energy.mdma.edi.store;

import energy.mdma.events.ChannelPeriodResult;
import energy.mdma.kafka.BinaryAvroSerde;

/**
 * The value of {@code edi-channel-period-results}: a channel-period's newest VEE result, binary Avro. Read lazily:
 * a scan of the store that needs only its keys (an account's account-periods, the pruning's seek) decodes nothing,
 * and a result is decoded once, when {@link #result()} is first asked for; a result stored is encoded once.
 */
public final class StoredResult {
    private static final BinaryAvroSerde<ChannelPeriodResult> AVRO = new BinaryAvroSerde<>(ChannelPeriodResult.class);

    private final byte[] bytes;
    private ChannelPeriodResult result;

    private StoredResult(byte[] bytes, ChannelPeriodResult result) {
        this.bytes = bytes;
        this.result = result;
    }

    /** A result to store (encoded here, once). */
    public static StoredResult of(ChannelPeriodResult result) {
        return new StoredResult(AVRO.serializer().serialize(null, result), result);
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

    byte[] bytes() {
        return bytes;
    }
}
