package energy.mdma.edi.topology;

import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Interchange control numbers (ISA13) and report ids of one stage-1 task, kept in its changelogged store (never
 * reused after a restart).
 *
 * <p>Files are posted by the task of the service account's partition, not by one task per receiver, so that edi
 * scales out for the UDC, which receives everything. Each partition numbers its files to a receiver in its own range:
 * partition p uses {@code p * 100,000,000 + 1 .. p * 100,000,000 + 99,999,999} (ISA13 has 9 digits, so at most 10
 * partitions). A receiver's control numbers are therefore unique and increase per partition; an account-period always
 * belongs to one partition, so its corrections (file name time, then ISA13) stay in order. Report ids carry the
 * partition and a counter: unique over all time.
 */
final class ControlNumbers {
    static final long RANGE = 100_000_000L;
    static final int MAX_PARTITIONS = 10;

    private final KeyValueStore<String, String> store;
    private final int partition;
    private final String reportIdPrefix;

    ControlNumbers(KeyValueStore<String, String> store, int partition, String mdmaId) {
        if (partition < 0 || partition >= MAX_PARTITIONS) {
            throw new IllegalStateException("edi-service numbers 867 files per partition of mdma.vee.channel-periods in "
                    + "ranges of " + RANGE + " (ISA13 has 9 digits): at most " + MAX_PARTITIONS + " partitions, but a task "
                    + "of partition " + partition + " was started. Keep the topic at " + MAX_PARTITIONS + " partitions or fewer.");
        }
        this.store = store;
        this.partition = partition;
        this.reportIdPrefix = String.format("%s%02d", mdmaId.length() <= 10 ? mdmaId : mdmaId.substring(0, 10), partition);
    }

    /** The next ISA13 of this partition's range for a receiver. */
    long nextControlNumber(String receiverId) {
        String key = "isa13|" + receiverId;
        String last = store.get(key);
        long next = last == null ? 1 : Long.parseLong(last) + 1;
        if (next >= RANGE) {
            throw new IllegalStateException("interchange control numbers of partition " + partition + " to " + receiverId
                    + " are exhausted (" + (RANGE - 1) + " files)");
        }
        store.put(key, Long.toString(next));
        return partition * RANGE + next;
    }

    /** A report id unique over all time: the MDMA id (at most 10 characters), the partition and a counter. */
    String nextReportId() {
        String key = "report-seq";
        String last = store.get(key);
        long next = last == null ? 1 : Long.parseLong(last) + 1;
        store.put(key, Long.toString(next));
        return reportIdPrefix + String.format("%010d", next);
    }

    /** The partition an ISA13 of this scheme was numbered in. */
    static int partitionOf(long isa13) {
        return (int) (isa13 / RANGE);
    }
}
