package energy.mdma.delivery.mailbox;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The summary served on request is the newest one posted to the party's mailbox (edi-867.md: "the summary
 * served on request has the same content as the newest one posted"); a summary of more than 100,000 rows is posted in
 * parts ({@code ..._{CCYYMMDDHHMMSS}_{part}.csv}, the parts of one summary posted together, in order), served as the
 * union of its parts.
 */
public class MailboxSummaryProvider implements SummaryProvider {

    /** A part's name: the summary's name without {@code .csv}, and the part number. */
    static final Pattern PART = Pattern.compile("(.+_(\\d{14}))_(\\d{1,6})\\.csv");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private static final int PAGE = 500;

    private final MailboxStore store;
    private final FileContentStore content;

    public MailboxSummaryProvider(MailboxStore store, FileContentStore content) {
        this.store = store;
        this.content = content;
    }

    @Override
    public Optional<Posted> newest(String party) {
        Optional<MailboxFile> latest = store.latest(party, DocumentKind.SUMMARY);
        if (latest.isEmpty()) {
            return Optional.empty();
        }
        MailboxFile last = latest.get();
        Matcher m = PART.matcher(last.name());
        if (!m.matches()) {
            return Optional.of(new Posted(last.name(), List.of(last), last.postedAt()));
        }
        // the newest file is the summary's last part: the others were posted just before it, at or after its time
        String base = m.group(1);
        int count = Integer.parseInt(m.group(3));
        Instant stamp = LocalDateTime.parse(m.group(2), STAMP).toInstant(ZoneOffset.UTC);
        TreeMap<Integer, MailboxFile> parts = new TreeMap<>();
        String cursor = null;
        do {
            MailboxPage page = store.list(party, StatusFilter.ALL, stamp, PAGE, cursor);
            for (MailboxFile f : page.items()) {
                Matcher p = PART.matcher(f.name());
                if (f.kind() == DocumentKind.SUMMARY && p.matches() && p.group(1).equals(base)) {
                    parts.put(Integer.parseInt(p.group(3)), f);
                }
            }
            cursor = page.nextCursor();
        } while (cursor != null && parts.size() < count);
        if (parts.size() != count || parts.firstKey() != 1) {
            throw new IllegalStateException("summary " + base + ": parts " + parts.keySet() + " of " + count + " found");
        }
        return Optional.of(new Posted(base + ".csv", List.copyOf(parts.values()), parts.firstEntry().getValue().postedAt()));
    }

    @Override
    public void write(Posted summary, SummaryFilter filter, OutputStream out) throws IOException {
        boolean first = true;
        for (MailboxFile f : summary.parts()) {
            try (InputStream in = content.open(f.sha256())
                    .orElseThrow(() -> new IOException("the bytes of " + f.name() + " are missing"))) {
                if (filter.isNone()) {
                    if (!first) {
                        skipLine(in);
                    }
                    in.transferTo(out);
                } else {
                    writeFiltered(in, filter, out, first);
                }
            }
            first = false;
        }
        out.flush();
    }

    private static void skipLine(InputStream in) throws IOException {
        int c;
        do {
            c = in.read();
        } while (c != -1 && c != '\n');
    }

    private static void writeFiltered(InputStream in, SummaryFilter filter, OutputStream out, boolean header) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        String line = r.readLine();
        if (line != null && header) {
            w.write(line);
            w.write('\n');
        }
        while ((line = r.readLine()) != null) {
            List<String> f = fields(line);
            if (f.size() > 5 && filter.accepts(LocalDate.parse(f.get(4)), LocalDate.parse(f.get(5)))) {
                w.write(line);
                w.write('\n');
            }
        }
        w.flush();
    }

    /** The fields of one RFC 4180 line (quotes removed, doubled quotes undone): the summary report's CSV. */
    public static List<String> fields(String line) {
        List<String> out = new ArrayList<>(13);
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    f.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    f.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(f.toString());
                f.setLength(0);
            } else {
                f.append(c);
            }
        }
        out.add(f.toString());
        return out;
    }
}
