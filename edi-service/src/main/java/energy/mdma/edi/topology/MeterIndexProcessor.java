package energy.mdma.edi.topology;

import energy.mdma.edi.keys.MeterIndexKey;
import energy.mdma.edi.store.MeterIndexEntry;
import energy.mdma.events.MeterEvent;
import energy.mdma.kafka.GlobalStoreVersion;
import energy.mdma.kafka.PassesOnChange;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the global meter index of edi-service ({@link MeterIndexKey}): {@code m|meterId -> service account} and
 * {@code a|account|meterId -> MeterEvent}, so that all meters of an account are one prefix scan.
 */
final class MeterIndexProcessor implements Processor<String, MeterEvent, Void, Void> {
    private final GlobalStoreVersion version;
    private KeyValueStore<MeterIndexKey, MeterIndexEntry> index;

    /** @param version counts every meter taken in (the master data check runs after a change, {@link PassesOnChange}) */
    MeterIndexProcessor(GlobalStoreVersion version) {
        this.version = version;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        index = context.getStateStore(EdiTopology.METER_INDEX_STORE);
    }

    @Override
    public void process(Record<String, MeterEvent> record) {
        update(record);
        version.changed();
    }

    private void update(Record<String, MeterEvent> record) {
        MeterEvent m = record.value();
        String meterId = m == null ? record.key() : m.getMeterId();
        MeterIndexKey.AccountOf accountOf = new MeterIndexKey.AccountOf(meterId);
        MeterIndexEntry oldAccount = index.get(accountOf);
        if (oldAccount != null) {
            index.delete(new MeterIndexKey.MeterOf(oldAccount.account(), meterId));
        }
        if (m == null) {
            index.delete(accountOf);
            return;
        }
        index.put(accountOf, MeterIndexEntry.account(m.getServiceAccount()));
        index.put(new MeterIndexKey.MeterOf(m.getServiceAccount(), meterId), MeterIndexEntry.meter(m));
    }
}
