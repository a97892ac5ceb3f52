package energy.mdma.kafka;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Keeps a global store as a GlobalKTable materialized under the same name keeps it (the latest value of each key with
 * its record's timestamp, in a persistent timestamped store with a record cache; a tombstone deletes; a record without
 * a key is skipped) and counts every change in the topology's {@link GlobalStoreVersion}: a global table whose changes
 * the tasks can tell from no change at all.
 */
public final class GlobalTableUpdate<V> implements Processor<String, V, Void, Void> {
    private final String storeName;
    private final GlobalStoreVersion version;
    private TimestampedKeyValueStore<String, V> store;

    public GlobalTableUpdate(String storeName, GlobalStoreVersion version) {
        this.storeName = storeName;
        this.version = version;
    }

    /** The store such a table needs: what {@code Materialized.as(name)} gives a global table. */
    public static <V> StoreBuilder<TimestampedKeyValueStore<String, V>> store(String name, Serde<String> keys,
                                                                             Serde<V> values) {
        return Stores.timestampedKeyValueStoreBuilder(Stores.persistentTimestampedKeyValueStore(name), keys, values)
                .withCachingEnabled().withLoggingDisabled();
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, V> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            store.delete(record.key());
        } else {
            store.put(record.key(), ValueAndTimestamp.make(record.value(), record.timestamp()));
        }
        version.changed();
    }
}
