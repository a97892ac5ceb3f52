package energy.mdma.delivery.archive;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One transaction set of a posted 867 file (from DocumentPosted.reports).
 *
 * @param fileId            the posting's file id
 * @param sha256            where its bytes are in the content store
 * @param fileName          the posted file's name
 * @param createdAt         the file's creation (the time in its name)
 * @param isa13             the file's interchange control number (0 when unknown)
 * @param position          index of the transaction set in the file
 * @param reportId          BPT02
 * @param original          purpose 00 (else a cancellation)
 * @param cancelledReportId BPT09 of a cancellation
 * @param account           REF*12
 * @param periodStart       R'
 * @param periodEnd         R
 */
public record PostedReport(String fileId, String sha256, String fileName, Instant createdAt, long isa13, int position,
                           String reportId, boolean original, String cancelledReportId, String account,
                           LocalDate periodStart, LocalDate periodEnd) {

    /** Newest first: by the file's time, then ISA13, then position in the file (edi-867.md "Corrections"). */
    public static final java.util.Comparator<PostedReport> NEWEST_FIRST = java.util.Comparator
            .comparing(PostedReport::createdAt).thenComparingLong(PostedReport::isa13)
            .thenComparingInt(PostedReport::position).reversed();

    public boolean overlaps(LocalDate from, LocalDate to) {
        return !periodStart.isAfter(to) && !periodEnd.isBefore(from);
    }

    /**
     * Of {@code candidates} (not cancelled, in the range asked for), the newest report of each period
     * ({@link #NEWEST_FIRST}), in period order: the current data the archive serves.
     */
    public static java.util.List<PostedReport> newestPerPeriod(java.util.Collection<PostedReport> candidates) {
        java.util.Map<java.util.List<LocalDate>, PostedReport> newest = candidates.stream().collect(
                java.util.stream.Collectors.toMap(r -> java.util.List.of(r.periodStart(), r.periodEnd()), r -> r,
                        (a, b) -> NEWEST_FIRST.compare(a, b) <= 0 ? a : b));
        java.util.List<PostedReport> out = new java.util.ArrayList<>(newest.values());
        out.sort(java.util.Comparator.comparing(PostedReport::periodStart).thenComparing(PostedReport::periodEnd));
        return out;
    }
}
