package energy.mdma.edi.store;

import energy.mdma.kafka.StoreSerde;

/** The values of {@code edi-channel-period-results}: the result's binary Avro, as it is ({@link StoredResult}). */
public final class StoredResultSerde extends StoreSerde<StoredResult> {
    public StoredResultSerde() {
        super(StoredResult::bytes, StoredResult::ofBytes);
    }
}
