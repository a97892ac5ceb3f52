package energy.mdma.delivery.archive;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What was posted to each mailbox, per service account: the index the archive answers from. Fed from the
 * posted documents (and DocumentCancelled); thread-safe.
 */
public class ArchiveIndex {

    private static final class Box {
        final Map<String, List<PostedReport>> byAccount = new ConcurrentHashMap<>();
        final Set<String> cancelled = ConcurrentHashMap.newKeySet();
        final Set<String> files = ConcurrentHashMap.newKeySet();
    }

    private final Map<String, Box> boxes = new ConcurrentHashMap<>();

    /** Adds the reports of one posted file (idempotent by file id). */
    public void add(String party, String fileId, List<PostedReport> reports) {
        Box box = boxes.computeIfAbsent(party, p -> new Box());
        synchronized (box) {
            if (!box.files.add(fileId)) {
                return;
            }
            for (PostedReport r : reports) {
                if (r.original()) {
                    box.byAccount.computeIfAbsent(r.account(), a -> new ArrayList<>()).add(r);
                } else if (r.cancelledReportId() != null) {
                    box.cancelled.add(r.cancelledReportId());
                }
            }
        }
    }

    /** A report cancelled by a correction (DocumentCancelled). */
    public void cancel(String party, String reportId) {
        Box box = boxes.computeIfAbsent(party, p -> new Box());
        synchronized (box) {
            box.cancelled.add(reportId);
        }
    }

    /**
     * The current data of an account: for each account-period overlapping [from, to], its newest original that
     * is not cancelled, ordered by period.
     */
    public List<PostedReport> current(String party, String account, LocalDate from, LocalDate to) {
        Box box = boxes.get(party);
        if (box == null) {
            return List.of();
        }
        List<PostedReport> candidates;
        synchronized (box) {
            candidates = new ArrayList<>(box.byAccount.getOrDefault(account, List.of()));
            candidates.removeIf(r -> !r.overlaps(from, to) || box.cancelled.contains(r.reportId()));
        }
        return PostedReport.newestPerPeriod(candidates);
    }

    /** The service accounts of which the party was posted data (the contingency export by read dates). */
    public List<String> accounts(String party) {
        Box box = boxes.get(party);
        return box == null ? List.of() : box.byAccount.keySet().stream().sorted().toList();
    }

    public boolean knows(String party, String fileId) {
        Box box = boxes.get(party);
        return box != null && box.files.contains(Objects.requireNonNull(fileId));
    }
}
