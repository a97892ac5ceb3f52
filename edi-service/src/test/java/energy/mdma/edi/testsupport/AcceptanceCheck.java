package energy.mdma.edi.testsupport;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import energy.mdma.edi.model.AccountPeriodReport;
import energy.mdma.edi.model.ChannelReport;
import energy.mdma.edi.model.Interchange867;
import energy.mdma.edi.model.MeterReport;
import energy.mdma.edi.model.Purpose;
import energy.mdma.edi.model.TransactionSet;
import energy.mdma.edi.summary.SummaryCsv;
import energy.mdma.edi.summary.SummaryRow;
import energy.mdma.edi.x12.Edi867Reader;
import energy.mdma.edi.x12.Edi867ValidationException;
import energy.mdma.testsupport.ExamplePackage;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The project's own acceptance check (test only): compares what a receiver got (its {@code *.x12} files and the
 * newest summary CSV in one directory) with a package's expected results ({@code expected/expected.json} and
 * {@code expected/summary.csv}). Every 867 is read back and validated by {@link Edi867Reader}; cancellations take
 * their originals out; the newest uncancelled original of each account-period must equal the expected one
 * (parties, customer, BPT04, every meter, channel, total and code, register readings, every interval with its code);
 * a held account-period must have none; two uncancelled originals of one account-period, an original nobody
 * expects, a repeated ISA13 or report id, and any summary row that differs are errors.
 *
 * <p>{@link Result#line()} has the form of the utility's verdict:
 * {@code acceptance: X/Y account-periods match, summary A/B rows match}.
 */
public final class AcceptanceCheck {

    /** What the check found. */
    public record Result(int matched, int accountPeriods, int summaryMatched, int summaryRows, int transactionSets,
                         int cancellations, List<String> errors) {
        public String line() {
            return "acceptance: " + matched + "/" + accountPeriods + " account-periods match, summary " + summaryMatched
                    + "/" + summaryRows + " rows match";
        }

        public boolean ok() {
            return errors.isEmpty() && matched == accountPeriods && summaryMatched == summaryRows;
        }

        /** The verdict line, the counts and the first errors, for an assertion message. */
        public String report() {
            StringBuilder sb = new StringBuilder(line()).append(" (").append(transactionSets).append(" transaction sets, ")
                    .append(cancellations).append(" cancellations, ")
                    .append(errors.size()).append(" errors)");
            errors.stream().limit(40).forEach(e -> sb.append("\n  ").append(e));
            if (errors.size() > 40) {
                sb.append("\n  ... ").append(errors.size() - 40).append(" more");
            }
            return sb.toString();
        }
    }

    private record Posted(String file, String isa13, int position, AccountPeriodReport report) {
    }

    private AcceptanceCheck() {
    }

    /**
     * Checks a receiver's files ({@code actualDir}) against the example package's expected results and returns the
     * verdict line, the report printed; where the utility's kit is beside the repository, its compare.py must say the
     * same ({@link ComparePy}), else the test fails.
     */
    public static String verdictOnExamplePackage(Path actualDir) throws IOException, InterruptedException {
        Result check = check(ExamplePackage.expected(), actualDir);
        System.out.println(check.report());
        ComparePy.runIfPresent(ExamplePackage.expected(), actualDir)
                .ifPresent(r -> assertEquals(check.line(), r.lastLine(), "the utility's compare.py disagrees:\n" + r.output()));
        return check.line();
    }

    /** Checks {@code actualDir} against {@code expectedDir} (the package's {@code expected/}). */
    public static Result check(Path expectedDir, Path actualDir) throws IOException {
        JsonNode root = new ObjectMapper().readTree(expectedDir.resolve("expected.json").toFile());
        Map<String, String> partyByDuns = new HashMap<>();
        for (JsonNode ap : root.get("account_periods")) {
            partyByDuns.put(ap.get("udc_duns").asText(), ap.get("udc_id").asText());
            partyByDuns.put(ap.get("esp_duns").asText(), ap.get("esp_id").asText());
        }
        Edi867Reader reader = new Edi867Reader(duns -> partyByDuns.getOrDefault(duns, duns));
        List<String> errors = new ArrayList<>();

        List<Path> files;
        try (Stream<Path> s = Files.list(actualDir)) {
            files = s.filter(p -> p.getFileName().toString().toLowerCase().endsWith(".x12")).sorted().toList();
        }
        List<Posted> posted = new ArrayList<>();
        Map<String, String> isa13s = new HashMap<>();
        for (Path f : files) {
            String name = f.getFileName().toString();
            Interchange867 ic;
            try {
                ic = reader.read(Files.readAllBytes(f));
            } catch (Edi867ValidationException e) {
                errors.add(name + ": refused: " + e.getMessage() + " " + e.errors());
                continue;
            }
            String previous = isa13s.putIfAbsent(ic.header().isa13(), name);
            if (previous != null) {
                errors.add(name + ": ISA13 " + ic.header().isa13() + " already used by " + previous);
            }
            int i = 0;
            for (TransactionSet ts : ic.transactionSets()) {
                posted.add(new Posted(name, ic.header().isa13(), i++, ts.report()));
            }
        }
        Set<String> cancelled = new TreeSet<>();
        Map<String, String> reportIds = new HashMap<>();
        for (Posted p : posted) {
            String previous = reportIds.putIfAbsent(p.report().reportId(), p.file());
            if (previous != null) {
                errors.add(p.file() + ": report id " + p.report().reportId() + " already used in " + previous);
            }
            if (p.report().purpose() == Purpose.CANCELLATION) {
                cancelled.add(p.report().cancelledReportId());
            }
        }
        for (String c : cancelled) {
            if (!reportIds.containsKey(c)) {
                errors.add("cancellation of unknown report id " + c);
            }
        }
        // the newest uncancelled original of each account-period (files are named by time, then ISA13)
        Map<String, Posted> current = new LinkedHashMap<>();
        posted.stream().filter(p -> p.report().purpose() == Purpose.ORIGINAL && !cancelled.contains(p.report().reportId()))
                .sorted(Comparator.comparing(Posted::file).thenComparing(Posted::isa13).thenComparingInt(Posted::position))
                .forEach(p -> {
                    String key = key(p.report().serviceAccount(), p.report().periodStart().toString(),
                            p.report().periodEnd().toString());
                    Posted before = current.put(key, p);
                    if (before != null) {
                        errors.add("account-period " + key + ": original " + p.report().reportId() + " (" + p.file()
                                + ") while original " + before.report().reportId() + " (" + before.file()
                                + ") was never cancelled");
                    }
                });

        int matched = 0;
        int accountPeriods = 0;
        for (JsonNode ap : root.get("account_periods")) {
            accountPeriods++;
            String key = key(ap.get("service_account").asText(), ap.get("period_start").asText(),
                    ap.get("period_end").asText());
            Posted p = current.remove(key);
            if (ap.get("held").asBoolean()) {
                if (p == null) {
                    matched++;
                } else {
                    errors.add("account-period " + key + ": held (ESTIMATION_FAILED) but an original was posted (" + p.file() + ")");
                }
                continue;
            }
            if (p == null) {
                errors.add("account-period " + key + ": no current original 867 posted");
                continue;
            }
            AccountPeriodReport want = ExpectedSample.report(ap, p.report().reportId(), p.report().created()).asWritten();
            List<String> diff = differences(want, p.report());
            if (diff.isEmpty()) {
                matched++;
            } else {
                diff.forEach(d -> errors.add("account-period " + key + " (" + p.file() + "): " + d));
            }
        }
        current.forEach((k, p) -> errors.add("account-period " + k + ": original not in the expected results (" + p.file() + ")"));

        List<SummaryRow> want = summary(expectedDir.resolve("summary.csv"));
        int summaryMatched = 0;
        Optional<Path> summaryFile = newestSummary(actualDir);
        if (summaryFile.isEmpty()) {
            errors.add("no summary CSV in " + actualDir + " (no *_SUMMARY_* file, no summary.csv)");
        } else {
            List<SummaryRow> got;
            try {
                got = summary(summaryFile.get());
            } catch (IllegalArgumentException e) {
                got = List.of();
                errors.add(summaryFile.get().getFileName() + ": not a summary report: " + e.getMessage());
            }
            for (int i = 0; i < want.size(); i++) {
                SummaryRow w = want.get(i);
                SummaryRow g = i < got.size() ? got.get(i) : null;
                if (w.equals(g)) {
                    summaryMatched++;
                } else {
                    errors.add("summary row " + (i + 2) + ": " + g + ", want " + w);
                }
            }
            for (int i = want.size(); i < got.size(); i++) {
                errors.add("summary row " + (i + 2) + " not expected: " + got.get(i));
            }
        }
        return new Result(matched, accountPeriods, summaryMatched, want.size(), posted.size(), cancelled.size(),
                List.copyOf(errors));
    }

    private static String key(String account, String start, String end) {
        return account + " " + start + ".." + end;
    }

    private static List<SummaryRow> summary(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return SummaryCsv.parse(r);
        }
    }

    /** The newest {@code *_SUMMARY_*} file (by the time in its name), else {@code summary.csv}. */
    private static Optional<Path> newestSummary(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            Optional<Path> named = s.filter(p -> p.getFileName().toString().contains("_SUMMARY_"))
                    .max(Comparator.comparing(p -> p.getFileName().toString().replaceAll("^.*_SUMMARY_[^_]*_", "")));
            if (named.isPresent()) {
                return named;
            }
        }
        Path plain = dir.resolve("summary.csv");
        return Files.isRegularFile(plain) ? Optional.of(plain) : Optional.empty();
    }

    /** What differs between the expected and the posted report, meter by meter and channel by channel. */
    private static List<String> differences(AccountPeriodReport want, AccountPeriodReport got) {
        List<String> out = new ArrayList<>();
        if (want.equals(got)) {
            return out;
        }
        field(out, "UDC (N1*8S)", want.udc(), got.udc());
        field(out, "ESP (N1*SJ)", want.esp(), got.esp());
        field(out, "customer (N1*8R)", want.customerName(), got.customerName());
        field(out, "BPT04", want.reportTypeCode(), got.reportTypeCode());
        List<String> wantMeters = want.meters().stream().map(MeterReport::meterId).toList();
        List<String> gotMeters = got.meters().stream().map(MeterReport::meterId).toList();
        if (!wantMeters.equals(gotMeters)) {
            out.add("meters " + gotMeters + ", want " + wantMeters);
            return out;
        }
        for (int m = 0; m < want.meters().size(); m++) {
            MeterReport wm = want.meters().get(m);
            MeterReport gm = got.meters().get(m);
            field(out, wm.meterId() + " multiplier", wm.multiplier(), gm.multiplier());
            if (wm.channels().size() != gm.channels().size()) {
                out.add(wm.meterId() + ": " + gm.channels().size() + " channels, want " + wm.channels().size());
                continue;
            }
            for (int c = 0; c < wm.channels().size(); c++) {
                ChannelReport wc = wm.channels().get(c);
                ChannelReport gc = gm.channels().get(c);
                String where = wm.meterId() + "/" + wc.channel();
                field(out, where + " channel", wc.channel(), gc.channel());
                field(out, where + " unit", wc.uom(), gc.uom());
                field(out, where + " total", wc.total(), gc.total());
                field(out, where + " total estimated (KA)", wc.totalEstimated(), gc.totalEstimated());
                field(out, where + " register start", wc.registerStart(), gc.registerStart());
                field(out, where + " register end", wc.registerEnd(), gc.registerEnd());
                if (wc.intervals() == null || gc.intervals() == null) {
                    field(out, where + " intervals", wc.intervals(), gc.intervals());
                    continue;
                }
                int n = Math.max(wc.intervals().size(), gc.intervals().size());
                if (wc.intervals().size() != gc.intervals().size()) {
                    out.add(where + ": " + gc.intervals().size() + " intervals, want " + wc.intervals().size());
                }
                int shown = 0;
                for (int i = 0; i < Math.min(wc.intervals().size(), gc.intervals().size()) && shown < 5; i++) {
                    boolean same = wc.intervals().end(i).equals(gc.intervals().end(i))
                            && wc.intervals().usage1e4()[i] == gc.intervals().usage1e4()[i]
                            && wc.intervals().estimated()[i] == gc.intervals().estimated()[i];
                    if (!same) {
                        shown++;
                        out.add(where + " interval " + (i + 1) + "/" + n + ": ends " + gc.intervals().end(i) + " "
                                + gc.intervals().usage(i) + (gc.intervals().estimated()[i] ? " KA" : " QD") + ", want ends "
                                + wc.intervals().end(i) + " " + wc.intervals().usage(i)
                                + (wc.intervals().estimated()[i] ? " KA" : " QD"));
                    }
                }
            }
        }
        if (out.isEmpty()) {
            out.add("posted " + got + ", want " + want);
        }
        return out;
    }

    private static void field(List<String> out, String what, Object want, Object got) {
        if (!java.util.Objects.equals(want, got)) {
            out.add(what + " " + got + ", want " + want);
        }
    }
}
