package energy.mdma.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the receivers' mailboxes hold of the bench's account-periods: a posted document counts once delivery-service
 * has filed it (its POSTED event on mdma.mailbox.events), whichever of the two is seen first. Per receiver and
 * account-period the current original is the newest one not cancelled (edi-867.md "Corrections": newest by the time
 * in the file name, then ISA13, then position in the file); the account-period is final there when that original
 * has no estimated quantity.
 */
final class MailboxTracker {

    /** A transaction set of a bench account in an 867, reduced to what the tracker needs. */
    record Report(int position, boolean original, String reportId, String cancelledReportId, String accountPeriod,
                  boolean isFinal, String mismatch) {
    }

    /** A posted document of a receiver: an 867 (time from its file name, ISA13, its bench reports) or a summary. */
    record Document(String fileId, String receiver, boolean summary, String fileTime, long isa13, List<Report> reports) {
    }

    /** An original as filed, with what orders it among the originals of its account-period. */
    record Filed(String fileTime, long isa13, int position, String reportId, boolean isFinal, String mismatch,
                 long filedAt) {
    }

    private static final Comparator<Filed> NEWEST = Comparator.comparing(Filed::fileTime)
            .thenComparingLong(Filed::isa13).thenComparingInt(Filed::position);

    /** Counts and current originals of one receiver. */
    static final class Receiver {
        final String id;
        long files;
        long summaries;
        long originals;
        long interimOriginals;
        long cancellations;
        long finalAccountPeriods;
        long lastFiledAt;
        private final Set<String> cancelled = new HashSet<>();
        private final Map<String, List<Filed>> originalsByPeriod = new HashMap<>();
        private final Map<String, String> periodOfReport = new HashMap<>();
        private final Map<String, Filed> current = new HashMap<>();
        /** what the content check found wrong with an original, by report id */
        private final Map<String, String> mismatchOfReport = new HashMap<>();

        Receiver(String id) {
            this.id = id;
        }

        Filed current(String accountPeriod) {
            return current.get(accountPeriod);
        }
    }

    private final Map<String, Receiver> receivers = new LinkedHashMap<>();
    private final Set<String> expected;
    private final Map<String, Document> notFiledYet = new HashMap<>();
    private final Map<String, Long> filedNotSeenYet = new HashMap<>();
    private long lastChange;

    /**
     * @param receiverIds   the parties whose mailboxes are watched
     * @param accountPeriods the generated account-periods ({@code account|periodEnd})
     */
    MailboxTracker(List<String> receiverIds, Set<String> accountPeriods) {
        for (String r : receiverIds) {
            receivers.put(r, new Receiver(r));
        }
        this.expected = accountPeriods;
    }

    static String key(String account, java.time.LocalDate periodEnd) {
        return account + "|" + periodEnd;
    }

    /** A document seen on mdma.edi.documents (only those addressed to a watched receiver matter). */
    void document(Document d) {
        if (!receivers.containsKey(d.receiver())) {
            return;
        }
        Long at = filedNotSeenYet.remove(d.fileId());
        if (at != null) {
            apply(d, at);
        } else {
            notFiledYet.put(d.fileId(), d);
        }
    }

    /** delivery-service filed document {@code fileId} in {@code party}'s mailbox at {@code atMillis}. */
    void filed(String fileId, String party, long atMillis) {
        if (!receivers.containsKey(party)) {
            return;
        }
        Document d = notFiledYet.remove(fileId);
        if (d != null) {
            apply(d, atMillis);
        } else {
            filedNotSeenYet.putIfAbsent(fileId, atMillis);
        }
    }

    private void apply(Document d, long at) {
        Receiver r = receivers.get(d.receiver());
        lastChange = Math.max(lastChange, at);
        if (d.summary()) {
            r.summaries++;
            return;
        }
        if (d.reports().isEmpty()) {
            return; // an 867 of other accounts
        }
        r.files++;
        r.lastFiledAt = Math.max(r.lastFiledAt, at);
        for (Report rep : d.reports()) {
            if (rep.original()) {
                r.originals++;
                if (!rep.isFinal()) {
                    r.interimOriginals++;
                }
                r.originalsByPeriod.computeIfAbsent(rep.accountPeriod(), k -> new ArrayList<>(2))
                        .add(new Filed(d.fileTime(), d.isa13(), rep.position(), rep.reportId(), rep.isFinal(),
                                rep.mismatch(), at));
                r.periodOfReport.put(rep.reportId(), rep.accountPeriod());
                update(r, rep.accountPeriod());
            } else {
                r.cancellations++;
                r.cancelled.add(rep.cancelledReportId());
                String ap = r.periodOfReport.get(rep.cancelledReportId());
                if (ap != null) {
                    update(r, ap);
                }
            }
        }
    }

    private void update(Receiver r, String accountPeriod) {
        Filed best = null;
        for (Filed f : r.originalsByPeriod.getOrDefault(accountPeriod, List.of())) {
            if (!r.cancelled.contains(f.reportId()) && (best == null || NEWEST.compare(f, best) > 0)) {
                best = f;
            }
        }
        Filed before = best == null ? r.current.remove(accountPeriod) : r.current.put(accountPeriod, best);
        if (expected.contains(accountPeriod)) {
            boolean was = before != null && before.isFinal();
            boolean is = best != null && best.isFinal();
            r.finalAccountPeriods += (is ? 1 : 0) - (was ? 1 : 0);
        }
    }

    /** The content check found original {@code reportId} in {@code receiver}'s mailbox not as generated. */
    void mismatch(String receiver, String reportId, String mismatch) {
        Receiver r = receivers.get(receiver);
        if (r != null) {
            r.mismatchOfReport.putIfAbsent(reportId, mismatch);
        }
    }

    private static String mismatchOf(Receiver r, Filed f) {
        return f.mismatch() != null ? f.mismatch() : r.mismatchOfReport.get(f.reportId());
    }

    Iterable<Receiver> receivers() {
        return receivers.values();
    }

    /** Every generated account-period is final in every watched mailbox. */
    boolean allFinal() {
        for (Receiver r : receivers.values()) {
            if (r.finalAccountPeriods < expected.size()) {
                return false;
            }
        }
        return true;
    }

    /** The latest filing time seen (millis), 0 before any. */
    long lastChange() {
        return lastChange;
    }

    /**
     * When each account-period became final in all receivers' mailboxes: the latest filing time of its current
     * originals. Only account-periods final everywhere are in the map.
     */
    Map<String, Long> completion() {
        Map<String, Long> out = new HashMap<>();
        for (String ap : expected) {
            long at = 0;
            boolean all = true;
            for (Receiver r : receivers.values()) {
                Filed f = r.current.get(ap);
                if (f == null || !f.isFinal()) {
                    all = false;
                    break;
                }
                at = Math.max(at, f.filedAt());
            }
            if (all) {
                out.put(ap, at);
            }
        }
        return out;
    }

    /** The account-period's current original is final and as generated in every watched mailbox. */
    boolean isCorrect(String accountPeriod) {
        for (Receiver r : receivers.values()) {
            Filed f = r.current.get(accountPeriod);
            if (f == null || !f.isFinal() || mismatchOf(r, f) != null) {
                return false;
            }
        }
        return true;
    }

    /** What is wrong with the final content, one line per receiver and account-period (at most {@code limit}). */
    List<String> problems(int limit, long[] countOut) {
        List<String> out = new ArrayList<>();
        long n = 0;
        for (Receiver r : receivers.values()) {
            for (String ap : expected) {
                Filed f = r.current.get(ap);
                String p = null;
                if (f == null) {
                    p = "no current original filed";
                } else if (!f.isFinal()) {
                    p = "the current original " + f.reportId() + " is estimated (KA) although every read was sent";
                } else if (mismatchOf(r, f) != null) {
                    p = mismatchOf(r, f);
                }
                if (p != null) {
                    n++;
                    if (out.size() < limit) {
                        out.add(r.id + " " + ap.replace('|', ' ') + ": " + p);
                    }
                }
            }
        }
        countOut[0] = n;
        return out;
    }

    private static final Pattern FILE_NAME = Pattern.compile("(.+)_867_(.+)_(\\d{14})_(\\d+)\\.x12");

    /**
     * The creation time (CCYYMMDDHHMMSS) in an 867 file name {@code {mdma id}_867_{receiver}_{time}_{ISA13}.x12},
     * checked against the receiver and the ISA13 of its content.
     */
    static String fileTime(String fileName, String receiver, long isa13) {
        Matcher m = FILE_NAME.matcher(fileName);
        if (!m.matches()) {
            throw new IllegalArgumentException("867 file name " + fileName + " is not {mdma id}_867_{receiver}_"
                    + "{CCYYMMDDHHMMSS}_{ISA13}.x12");
        }
        if (!m.group(2).equals(receiver)) {
            throw new IllegalArgumentException("867 file name " + fileName + " names receiver " + m.group(2)
                    + ", but it was posted to " + receiver);
        }
        if (Long.parseLong(m.group(4)) != isa13) {
            throw new IllegalArgumentException("867 file name " + fileName + " names ISA13 " + m.group(4)
                    + ", but its ISA13 is " + isa13);
        }
        return m.group(3);
    }
}
