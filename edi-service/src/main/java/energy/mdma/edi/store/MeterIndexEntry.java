package energy.mdma.edi.store;

import energy.mdma.events.MeterEvent;
import energy.mdma.kafka.BinaryAvroSerde;

import java.nio.charset.StandardCharsets;

/**
 * A value of the global {@code edi-meter-index}: under {@code m|meterId} the meter's service account (UTF-8), under
 * {@code a|account|meterId} the meter ({@link MeterEvent}, binary Avro). The key says which; the bytes are read when
 * {@link #account()} or {@link #meter()} is asked for, not when a scan passes them.
 */
public final class MeterIndexEntry {
    private static final BinaryAvroSerde<MeterEvent> AVRO = new BinaryAvroSerde<>(MeterEvent.class);

    private final byte[] bytes;

    MeterIndexEntry(byte[] bytes) {
        this.bytes = bytes;
    }

    /** The entry of a meter's account. */
    public static MeterIndexEntry account(String account) {
        return new MeterIndexEntry(account.getBytes(StandardCharsets.UTF_8));
    }

    /** The entry of a meter under its account. */
    public static MeterIndexEntry meter(MeterEvent meter) {
        return new MeterIndexEntry(AVRO.serializer().serialize(null, meter));
    }

    /** The service account, of an entry under {@code m|meterId}. */
    public String account() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The meter, of an entry under {@code a|account|meterId}. */
    public MeterEvent meter() {
        return AVRO.deserializer().deserialize(null, bytes);
    }

    byte[] bytes() {
        return bytes;
    }
}
