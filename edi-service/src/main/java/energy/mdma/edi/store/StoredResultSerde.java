package energy.mdma.edi.store;

/** The values of {@code edi-channel-period-results}: the result's binary Avro, as it is ({@link StoredResult}). */
public final class StoredResultSerde extends StoreSerde<StoredResult> {
    @Override
    byte[] toBytes(StoredResult value) {
        return value.bytes();
    }

    @Override
    StoredResult fromBytes(byte[] bytes) {
        return StoredResult.ofBytes(bytes);
    }
}
