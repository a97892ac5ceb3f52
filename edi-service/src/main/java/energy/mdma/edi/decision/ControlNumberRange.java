package energy.mdma.edi.decision;

/**
 * The numbering of one stage-1 task (edi-867.md: control numbers increase per sender and receiver and are never
 * reused; report ids unique over all time). Partition p numbers its files in its own ISA13 range,
 * {@code p * 100,000,000 + 1 .. p * 100,000,000 + 99,999,999} (ISA13 has 9 digits, so at most 10 partitions), from one
 * sequence shared by all its receivers; its report ids are the MDMA id (at most 10 characters), the partition (2
 * digits) and a counter (10 digits): at most 22 of BPT02's 30 characters. The counters are kept by
 * ControlNumberAllocator.
 */
public record ControlNumberRange(int partition) {
    public static final long SIZE = 100_000_000L;
    public static final int MAX_PARTITIONS = 10;

    public ControlNumberRange {
        if (partition < 0 || partition >= MAX_PARTITIONS) {
            throw new IllegalStateException("edi-service numbers 867 files per partition of mdma.vee.channel-periods in "
                    + "ranges of " + SIZE + " (ISA13 has 9 digits): at most " + MAX_PARTITIONS + " partitions, but a task "
                    + "of partition " + partition + " was started. Keep the topic at " + MAX_PARTITIONS + " partitions or fewer.");
        }
    }

    /**
     * The next counter after the last one given: above both the shared sequence and a receiver's counter from before
     * the shared sequence (0: none), so that nothing is reused on upgrade.
     */
    public long nextCounter(long lastShared, long lastLegacy) {
        long next = Math.max(lastShared, lastLegacy) + 1;
        if (next >= SIZE) {
            throw new IllegalStateException("interchange control numbers of partition " + partition + " are exhausted ("
                    + (SIZE - 1) + " files)");
        }
        return next;
    }

    /** The ISA13 of a counter of this range. */
    public long isa13(long counter) {
        return partition * SIZE + counter;
    }

    /** The counter of an ISA13 of this range. */
    public long counterOf(long isa13) {
        return isa13 - partition * SIZE;
    }

    /** The partition an ISA13 of this scheme was numbered in. */
    public static int partitionOf(long isa13) {
        return (int) (isa13 / SIZE);
    }

    /** The start of this range's report ids: the MDMA id cut to 10 characters, the partition in 2 digits. */
    public String reportIdPrefix(String mdmaId) {
        return String.format("%s%02d", mdmaId.length() <= 10 ? mdmaId : mdmaId.substring(0, 10), partition);
    }

    public static String reportId(String prefix, long counter) {
        if (counter < 0) {
            return prefix + String.format("%010d", counter);
        }
        // %010d without the formatter (one per report posted: 1% of edi's stream thread in the bench)
        String digits = Long.toString(counter);
        return digits.length() >= 10 ? prefix + digits : prefix + "0000000000".substring(digits.length()) + digits;
    }

    /**
     * After a restore from what was posted: the counter to keep, the larger of the stored one (null: none) and the
     * posted one; null when the stored one stays.
     */
    public static Long raisedTo(Long stored, long posted) {
        return posted > 0 && (stored == null || stored < posted) ? posted : null;
    }
}
