package energy.mdma.edi.topology;

import energy.mdma.events.DocumentPosted;
import energy.mdma.events.ReportRef;

import java.util.HashMap;
import java.util.Map;

/**
 * What has been posted already (mdma.edi.documents), for numbering that continues whatever happened to edi's state
 * (issue 14): when a stage-1 task finds its control-number store without the mark of a restore (its state and
 * changelog lost, or the first start), it takes the last ISA13 per receiver and the last report id of its partition's
 * range from here before it numbers anything.
 */
@FunctionalInterface
public interface PostedNumbers {

    /** The last numbers posted in the range of {@code partition}; {@code reportIdPrefix} is that partition's. */
    Last of(int partition, String reportIdPrefix);

    /** Nothing posted (topology tests that do not lose state). */
    PostedNumbers NONE = (partition, prefix) -> new Last(Map.of(), 0);

    /**
     * @param controlNumbers receiver -> the last ISA13 posted to it in the partition's range (the full 9-digit value), as
     *                       far as it was read: the largest of them is the partition's last number (one sequence)
     * @param reportSequence the counter of the last report id of the partition (0: none)
     */
    record Last(Map<String, Long> controlNumbers, long reportSequence) {
    }

    /** Folds posted documents into the last numbers of one partition's range. */
    final class Accumulator {
        private final int partition;
        private final String reportIdPrefix;
        private final Map<String, Long> controlNumbers = new HashMap<>();
        private long reportSequence;

        public Accumulator(int partition, String reportIdPrefix) {
            this.partition = partition;
            this.reportIdPrefix = reportIdPrefix;
        }

        /** @return whether the document carried an ISA13 of this partition's range */
        public boolean add(DocumentPosted d) {
            Long isa13 = d.getInterchangeControlNumber();
            boolean inRange = isa13 != null && isa13 > 0 && ControlNumberAllocator.partitionOf(isa13) == partition;
            if (inRange) {
                controlNumbers.merge(d.getReceiverPartyId(), isa13, Math::max);
            }
            if (d.getReports() != null) {
                for (ReportRef r : d.getReports()) {
                    String id = r.getReportId();
                    if (id != null && id.length() == reportIdPrefix.length() + 10 && id.startsWith(reportIdPrefix)) {
                        try {
                            reportSequence = Math.max(reportSequence, Long.parseLong(id.substring(reportIdPrefix.length())));
                        } catch (NumberFormatException e) {
                            // not one of this scheme's ids
                        }
                    }
                    String cancelled = r.getCancelledReportId();
                    if (cancelled != null && cancelled.length() == reportIdPrefix.length() + 10
                            && cancelled.startsWith(reportIdPrefix)) {
                        try {
                            reportSequence = Math.max(reportSequence,
                                    Long.parseLong(cancelled.substring(reportIdPrefix.length())));
                        } catch (NumberFormatException e) {
                            // not one of this scheme's ids
                        }
                    }
                }
            }
            return inRange;
        }

        public Last last() {
            return new Last(Map.copyOf(controlNumbers), reportSequence);
        }
    }
}
