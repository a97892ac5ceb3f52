package energy.mdma.delivery.mail;

import energy.mdma.delivery.mailbox.FileContentStore;
import energy.mdma.delivery.mailbox.MailboxSummaryProvider;
import energy.mdma.events.DocumentContent;
import energy.mdma.events.DocumentPosted;
import energy.mdma.events.MailboxFileKind;
import energy.mdma.events.ReportPurpose;
import energy.mdma.events.ReportRef;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Data-availability mail (operations.md section 3): after a posting round placed new files in a party's mailbox,
 * the party's contacts get one mail listing the new files, how many account-periods they report, and the failure
 * points of the newest summary among them (counts by code), with that summary attached when under the size limit.
 *
 * <p>A file is new when the mailbox projection announces it (its first appearance in the mailbox, once per file,
 * also after a restart for what was posted while the service was down). A round is over when no new file has come
 * for {@code quiet}; a party gets at most one such mail per {@code minInterval} (an hour): files that come sooner
 * wait for the next one. Times come from the injected clock.
 */
public class AvailabilityMail {

    private static final Logger LOG = Logger.getLogger(AvailabilityMail.class);
    private static final int MAX_LISTED = 200;

    /** @param maxAttachment the newest summary is attached when smaller than this (5 MB) */
    public record Settings(Duration minInterval, Duration quiet, long maxAttachment, ZoneId zone) {
    }

    /** What the mail needs of a posted file. */
    record Posted(String fileId, String party, String name, boolean summary, long size, String sha256,
                  Instant createdAt, Set<String> accountPeriods) {
    }

    private static final class Round {
        final Map<String, Posted> files = new LinkedHashMap<>();
        Instant lastArrival;
    }

    private final Function<String, List<String>> contacts;
    private final MailOutbox outbox;
    private final FileContentStore content;
    private final Clock clock;
    private final Settings settings;
    private final DateTimeFormatter time;

    private final Map<String, Posted> recent = new ConcurrentHashMap<>();
    private final Map<String, Round> rounds = new LinkedHashMap<>();
    private final Map<String, Instant> lastMail = new ConcurrentHashMap<>();
    private volatile boolean live;

    public AvailabilityMail(Function<String, List<String>> contacts, MailOutbox outbox, FileContentStore content,
                            Clock clock, Settings settings) {
        this.contacts = contacts;
        this.outbox = outbox;
        this.content = content;
        this.clock = clock;
        this.settings = settings;
        this.time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z").withZone(settings.zone());
    }

    /** A document read from the log (before the projection sees it): kept until it is announced or known as such. */
    public void document(DocumentPosted d) {
        Set<String> periods = new HashSet<>();
        for (ReportRef r : d.getReports()) {
            if (r.getPurpose() == ReportPurpose.ORIGINAL) {
                periods.add(r.getServiceAccount() + "|" + r.getPeriodStart() + "|" + r.getPeriodEnd());
            }
        }
        OptionalLong readable = DocumentContent.readableFileSize(d);
        if (readable.isEmpty()) {
            return; // not in the mailbox either (MailboxProjection logs it)
        }
        long size = readable.getAsLong();
        recent.putIfAbsent(d.getFileId(), new Posted(d.getFileId(), d.getReceiverPartyId(), d.getFileName(),
                d.getKind() == MailboxFileKind.SUMMARY, size, d.getSha256(), d.getCreatedAt(),
                periods));
    }

    /** The replay read the file's POSTED event: it was announced (and mailed) before. */
    public void alreadyAnnounced(String fileId) {
        recent.remove(fileId);
    }

    /** The projection announced the file: it is new in its mailbox. */
    public void announced(String fileId) {
        Posted p = recent.remove(fileId);
        if (p == null) {
            return;
        }
        synchronized (rounds) {
            Round r = rounds.computeIfAbsent(p.party(), k -> new Round());
            r.files.putIfAbsent(fileId, p);
            r.lastArrival = clock.instant();
        }
    }

    /** The replay has caught up (after the projection announced what came meanwhile): nothing else is pending. */
    public void goLive() {
        live = true;
        recent.clear();
    }

    public boolean live() {
        return live;
    }

    /** Files waiting for a party's next mail (tests, status). */
    public int waiting(String party) {
        synchronized (rounds) {
            Round r = rounds.get(party);
            return r == null ? 0 : r.files.size();
        }
    }

    /** Sends the mails that are due: rounds quiet for long enough, of parties not mailed within the interval. */
    public int tick() {
        Instant now = clock.instant();
        List<Map.Entry<String, Round>> due = new ArrayList<>();
        synchronized (rounds) {
            for (var it = rounds.entrySet().iterator(); it.hasNext(); ) {
                var e = it.next();
                Instant last = lastMail.get(e.getKey());
                boolean quiet = !e.getValue().lastArrival.plus(settings.quiet()).isAfter(now);
                boolean intervalOver = last == null || !last.plus(settings.minInterval()).isAfter(now);
                if (quiet && intervalOver) {
                    due.add(Map.entry(e.getKey(), e.getValue()));
                    it.remove();
                }
            }
        }
        int n = 0;
        for (var e : due) {
            List<String> to = contacts.apply(e.getKey());
            if (to.isEmpty()) {
                LOG.debugf("%d new file(s) for %s: no contacts, no mail", e.getValue().files.size(), e.getKey());
                continue;
            }
            lastMail.put(e.getKey(), now);
            outbox.submit(e.getKey(), "DATA_AVAILABILITY", compose(e.getKey(), to, List.copyOf(e.getValue().files.values())));
            n++;
        }
        return n;
    }

    OutgoingMail compose(String party, List<String> to, List<Posted> files) {
        List<Posted> sorted = new ArrayList<>(files);
        sorted.sort(Comparator.comparing(Posted::createdAt).thenComparing(Posted::name));
        Set<String> periods = new HashSet<>();
        sorted.forEach(p -> periods.addAll(p.accountPeriods()));
        long edi = sorted.stream().filter(p -> !p.summary()).count();
        StringBuilder sb = new StringBuilder();
        sb.append(sorted.size()).append(" new file(s) were posted to the MDMA mailbox of ").append(party)
                .append(" (").append(time.format(sorted.get(0).createdAt())).append(" to ")
                .append(time.format(sorted.get(sorted.size() - 1).createdAt())).append("):\n\n");
        int listed = 0;
        for (Posted p : sorted) {
            if (listed++ == MAX_LISTED) {
                sb.append("  ... and ").append(sorted.size() - MAX_LISTED).append(" more\n");
                break;
            }
            sb.append("  ").append(p.name()).append("  ").append(p.summary() ? "SUMMARY" : "EDI_867").append(", ")
                    .append(p.size()).append(" bytes, sha256 ").append(p.sha256()).append('\n');
        }
        sb.append("\nAccount-periods reported (originals in the ").append(edi).append(" 867 file(s)): ")
                .append(periods.size()).append('\n');
        Optional<Posted> summary = sorted.stream().filter(Posted::summary).max(Comparator.comparing(Posted::createdAt)
                .thenComparing(Posted::name));
        byte[] attachment = null;
        if (summary.isPresent()) {
            Instant newest = summary.get().createdAt();
            List<Posted> parts = sorted.stream().filter(p -> p.summary() && p.createdAt().equals(newest)).toList();
            Map<String, Long> counts = new TreeMap<>();
            boolean readable = true;
            for (Posted part : parts) {
                Optional<byte[]> bytes = read(part.sha256());
                if (bytes.isEmpty()) {
                    readable = false;
                    continue;
                }
                SummaryFailurePoints.count(bytes.get(), counts);
                if (parts.size() == 1 && bytes.get().length < settings.maxAttachment()) {
                    attachment = bytes.get();
                }
            }
            sb.append("\nFailure points of the summary ").append(parts.size() == 1 ? parts.get(0).name()
                    : parts.size() + " parts of " + time.format(newest)).append(" (counts by code):\n");
            if (counts.isEmpty()) {
                sb.append("  none\n");
            }
            counts.forEach((code, count) -> sb.append("  ").append(code).append(": ").append(count).append('\n'));
            if (!readable) {
                sb.append("  (a part of the summary could not be read on the server: the counts may be short)\n");
            }
            sb.append(attachment != null ? "\nThe summary is attached.\n"
                    : "\nThe summary is not attached (" + (parts.size() == 1 ? parts.get(0).size() + " bytes, the limit is " + settings.maxAttachment()
                    : "in " + parts.size() + " parts") + "): download it from the mailbox.\n");
        } else {
            sb.append("\nNo new summary report in these files.\n");
        }
        sb.append("\nRetrieve them over HTTPS: GET /api/v1/mailboxes/").append(party).append("/files?status=new\n");
        sb.append("This notice goes to the e-mail contacts of ").append(party)
                .append("; change them with PUT /api/v1/parties/").append(party).append("/contacts.\n");
        String subject = "MDMA: " + sorted.size() + " new file(s) in mailbox " + party;
        return attachment == null ? OutgoingMail.text(to, subject, sb.toString())
                : new OutgoingMail(to, subject, sb.toString(), summary.get().name(), attachment, "text/csv");
    }

    private Optional<byte[]> read(String sha256) {
        try {
            return content.read(sha256);
        } catch (IOException e) {
            LOG.warnf("summary %s not readable for the availability mail: %s", sha256, e.toString());
            return Optional.empty();
        }
    }

    /** The failure points of a summary CSV (edi-867.md): the {@code CODE=count} pairs of every row, added up. */
    static final class SummaryFailurePoints {

        private SummaryFailurePoints() {
        }

        static void count(byte[] csv, Map<String, Long> counts) {
            String text = new String(csv, StandardCharsets.UTF_8);
            int column = -1;
            int start = 0;
            boolean header = true;
            while (start < text.length()) {
                int end = text.indexOf('\n', start);
                if (end < 0) {
                    end = text.length();
                }
                String line = text.substring(start, end);
                start = end + 1;
                if (line.endsWith("\r")) {
                    line = line.substring(0, line.length() - 1);
                }
                if (line.isEmpty()) {
                    continue;
                }
                List<String> fields = MailboxSummaryProvider.fields(line);
                if (header) {
                    header = false;
                    column = fields.indexOf("failure_points");
                    if (column < 0) {
                        return;
                    }
                    continue;
                }
                if (column >= fields.size()) {
                    continue;
                }
                for (String pair : fields.get(column).split(";")) {
                    int eq = pair.indexOf('=');
                    if (eq <= 0) {
                        continue;
                    }
                    try {
                        counts.merge(pair.substring(0, eq).strip(), Long.parseLong(pair.substring(eq + 1).strip()), Long::sum);
                    } catch (NumberFormatException ignored) {
                        // not a count: left out
                    }
                }
            }
        }
    }
}
