package energy.mdma.delivery.archive;

import energy.mdma.delivery.mailbox.ArchiveProvider;
import energy.mdma.delivery.mailbox.FileContentStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The archive from the posted documents: for each account-period overlapping the range in the party's own
 * mailbox, the newest original that is not cancelled; its transaction set is taken from the stored file and
 * wrapped in a new interchange to the party (sender, receiver and usage indicator of the source file, a new
 * control number from {@link ControlNumbers}). Only the party's own postings are used, so it only ever sees
 * accounts whose UDC or ESP it is.
 */
public class PostedDocumentArchive implements ArchiveProvider {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

    private final ArchiveIndex index;
    private final FileContentStore content;
    private final ControlNumbers numbers;
    private final ControlNumbers.IssueLog issueLog;
    private final Clock clock;
    private final String defaultMdmaId;

    public PostedDocumentArchive(ArchiveIndex index, FileContentStore content, ControlNumbers numbers,
                                 ControlNumbers.IssueLog issueLog, Clock clock, String defaultMdmaId) {
        this.index = index;
        this.content = content;
        this.numbers = numbers;
        this.issueLog = issueLog;
        this.clock = clock;
        this.defaultMdmaId = defaultMdmaId;
    }

    @Override
    public Optional<ArchiveDocument> usage(String party, String account, LocalDate from, LocalDate to) {
        List<PostedReport> current = index.current(party, account, from, to);
        if (current.isEmpty()) {
            return Optional.empty();
        }
        Map<String, X12Interchange.Parsed> files = new HashMap<>();
        List<List<X12Interchange.Segment>> sets = new ArrayList<>();
        X12Interchange.Parsed template = null;
        String mdmaId = null;
        for (PostedReport r : current) {
            X12Interchange.Parsed parsed = files.computeIfAbsent(r.sha256(), this::load);
            if (parsed == null) {
                throw new ArchiveUnavailableException("The stored file " + r.fileName() + " is not available on this server.");
            }
            List<X12Interchange.Segment> set = parsed.transactionSet(r.reportId()).orElseThrow(() ->
                    new ArchiveUnavailableException("Report " + r.reportId() + " is missing from " + r.fileName() + "."));
            sets.add(set);
            if (template == null) {
                template = parsed;
                int i = r.fileName().indexOf("_867_");
                mdmaId = i > 0 ? r.fileName().substring(0, i) : defaultMdmaId;
            }
        }
        Instant now = clock.instant();
        String prefix = mdmaId + "_867_" + party + "_" + STAMP.format(now) + "_";
        long control = numbers.next(party, issueLog, n -> prefix + String.format("%09d", n) + ".x12");
        byte[] x12 = X12Interchange.write(template, sets, control, now);
        return Optional.of(new ArchiveDocument(prefix + String.format("%09d", control) + ".x12", x12));
    }

    private X12Interchange.Parsed load(String sha256) {
        try {
            return content.read(sha256).map(X12Interchange::parse).orElse(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
