package energy.mdma.edi.topology;

import energy.mdma.edi.decision.ControlNumberRange;
import energy.mdma.edi.keys.ControlNumberKey;
import energy.mdma.edi.store.Counter;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;

/**
 * Interchange control numbers (ISA13) and report ids of one stage-1 task, kept in its changelogged store (never
 * reused after a restart).
 *
 * <p>Files are posted by the task of the service account's partition, not by one task per receiver, so that edi
 * scales out for the UDC, which receives everything. Each partition numbers its files in its own range: partition p
 * uses {@code p * 100,000,000 + 1 .. p * 100,000,000 + 99,999,999} (ISA13 has 9 digits, so at most 10 partitions),
 * from ONE sequence shared by all its receivers: the numbers a receiver gets are unique and increase (with gaps, which
 * X12 allows; edi-867.md asks for numbers that increase per sender and receiver and are never reused). An
 * account-period always belongs to one partition, so its corrections (file name time, then ISA13) stay in order.
 * Report ids carry the partition and a counter: unique over all time. (Stores written before the shared sequence hold
 * one counter per receiver, {@code isa13|receiver}; the next number is above both, so nothing is reused on upgrade.)
 *
 * <p>Numbering continues from what was posted whatever happened to the state (issue 14): before the first number a
 * task gives, unless its store carries the mark of a restore ({@code restored-from-documents}), it takes the last ISA13
 * and the last report id of its range from mdma.edi.documents ({@link PostedNumbers}), keeps the larger of those and
 * its own, and marks the store. A store that is lost (state and changelog) thus never numbers from 1 again.
 * Because one sequence serves every receiver, the newest number posted in the range is enough, whichever receiver got
 * it: the restore reads the topic backwards from its end only as far as that (see KafkaPostedNumbers), not the whole
 * history.
 */
final class ControlNumberAllocator {
    private static final Logger LOG = Logger.getLogger(ControlNumberAllocator.class);
    static final long RANGE = ControlNumberRange.SIZE;
    static final int MAX_PARTITIONS = ControlNumberRange.MAX_PARTITIONS;

    private final KeyValueStore<ControlNumberKey, Counter> store;
    private final ControlNumberRange range;
    private final int partition;
    private final String reportIdPrefix;
    private final PostedNumbers posted;
    private boolean restored;

    ControlNumberAllocator(KeyValueStore<ControlNumberKey, Counter> store, int partition, String mdmaId) {
        this(store, partition, mdmaId, PostedNumbers.NONE);
    }

    ControlNumberAllocator(KeyValueStore<ControlNumberKey, Counter> store, int partition, String mdmaId, PostedNumbers posted) {
        this.range = new ControlNumberRange(partition);
        this.store = store;
        this.partition = partition;
        this.reportIdPrefix = range.reportIdPrefix(mdmaId);
        this.posted = posted;
    }

    /** Once per task: the numbers posted already, unless this store has taken them before (see the class). */
    private void restore() {
        if (restored) {
            return;
        }
        if (store.get(ControlNumberKey.RESTORED) == null) {
            PostedNumbers.Last last = posted.of(partition, reportIdPrefix);
            int raised = 0;
            long postedHigh = last.controlNumbers().values().stream().mapToLong(range::counterOf).max().orElse(0);
            Long sequence = ControlNumberRange.raisedTo(counter(ControlNumberKey.SEQUENCE), postedHigh);
            if (sequence != null) {
                store.put(ControlNumberKey.SEQUENCE, new Counter(sequence));
                raised++;
            }
            Long reports = ControlNumberRange.raisedTo(counter(ControlNumberKey.REPORT_SEQUENCE), last.reportSequence());
            if (reports != null) {
                store.put(ControlNumberKey.REPORT_SEQUENCE, new Counter(reports));
                raised++;
            }
            store.put(ControlNumberKey.RESTORED, Counter.MARK);
            if (raised > 0) {
                LOG.warnf("edi partition %d: control numbers restored from mdma.edi.documents (%d receivers, last "
                        + "report %d): its state had fewer than what was posted (lost or new); numbering continues "
                        + "after what was posted", partition, last.controlNumbers().size(), last.reportSequence());
            }
        }
        restored = true;
    }

    /** The next ISA13 of this partition's range for a receiver: one sequence for all receivers (see the class). */
    long nextControlNumber(String receiverId) {
        restore();
        ControlNumberKey legacyKey = ControlNumberKey.legacyPerReceiver(receiverId);
        Long before = counter(legacyKey);
        long next = range.nextCounter(counterOrZero(ControlNumberKey.SEQUENCE), before == null ? 0 : before);
        store.put(ControlNumberKey.SEQUENCE, new Counter(next));
        if (before != null) {
            store.delete(legacyKey);
        }
        return range.isa13(next);
    }

    /** A report id unique over all time: the MDMA id (at most 10 characters), the partition and a counter. */
    String nextReportId() {
        restore();
        long next = counterOrZero(ControlNumberKey.REPORT_SEQUENCE) + 1;
        store.put(ControlNumberKey.REPORT_SEQUENCE, new Counter(next));
        return ControlNumberRange.reportId(reportIdPrefix, next);
    }

    private Long counter(ControlNumberKey key) {
        Counter c = store.get(key);
        return c == null ? null : c.value();
    }

    private long counterOrZero(ControlNumberKey key) {
        Counter c = store.get(key);
        return c == null ? 0 : c.value();
    }

    /** The partition an ISA13 of this scheme was numbered in. */
    static int partitionOf(long isa13) {
        return ControlNumberRange.partitionOf(isa13);
    }
}
