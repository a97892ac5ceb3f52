package energy.mdma.ingest.parse;

import energy.mdma.ingest.model.Micros;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Streaming parser for the ingest file kinds (input-formats.md sections 1 and 2).
 *
 * <p>Reads the stream once, decoding strictly as UTF-8, and holds at most one line (bounded by
 * {@link ParserOptions#maxLineChars()}) and one interval block ({@link ParserOptions#maxBlockSize()} values)
 * at a time, so files of any size parse in constant memory. (Master-data files also remember the ids seen in
 * the file, to reject duplicates.) Accepted rows go to the {@link IngestSink} in file order; rejected rows are
 * counted and reported with their line and a reason; the file is rejected whole only when its header is wrong
 * or it is not UTF-8 text.
 *
 * <p>Decisions worth knowing: blank lines are skipped and not counted as rows; a quoted field may hold a line
 * break in parties.csv and meters.csv (the record's line is its first line), elsewhere it must close on its
 * own line; an empty CSV file (no header) is rejected whole, an empty CMEP file is fine (no records);
 * interval values are kept exactly as micro-units (at most 6 decimals, see
 * {@link Micros}).
 *
 * <p>An instance is thread-safe if the view is; each call to {@code parse} has its own state.
 */
public final class IngestParser {
    private final MasterDataView view;
    private final Clock clock;
    private final ParserOptions options;

    public IngestParser(MasterDataView view, Clock clock) {
        this(view, clock, ParserOptions.defaults());
    }

    public IngestParser(MasterDataView view, Clock clock, ParserOptions options) {
        this.view = Objects.requireNonNull(view, "view");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.options = Objects.requireNonNull(options, "options");
    }

    public ParserOptions options() {
        return options;
    }

    public ParseReport parse(FileLayout kind, InputStream in, IngestSink sink) throws IOException {
        return parse(kind, in, sink, new ParseProgress());
    }

    /**
     * Parses one file. The stream is read to its end (or to the first non-UTF-8 byte) but not closed.
     *
     * @param progress counters updated while parsing, readable from other threads
     * @throws IOException from the stream; then the sink's output for this file must be discarded
     */
    public ParseReport parse(FileLayout kind, InputStream in, IngestSink sink, ParseProgress progress)
            throws IOException {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(progress, "progress");
        Ctx ctx = new Ctx(view, sink, options, clock);
        RowHandler handler = handler(kind, ctx);
        int maxLine = kind.isCsv() ? options.maxLineChars() : options.maxCmepLineChars();
        // RFC 4180: a quoted field may hold a line break. Only parties (name) and meters (customer_name) have
        // free-text columns; elsewhere a quote left open is one bad row, not a record swallowing the next rows.
        boolean multiLine = kind == FileLayout.PARTIES || kind == FileLayout.METERS;
        Utf8LineReader reader = new Utf8LineReader(in, maxLine, multiLine);
        CsvRow row = new CsvRow();
        List<RejectedRow> rejections = new ArrayList<>();
        long read = 0;
        long accepted = 0;
        long rejected = 0;
        FileRejection fileRejection = null;
        int columns = kind.header().size();
        try {
            if (kind.isCsv()) {
                fileRejection = header(kind, reader, row, maxLine);
            }
            if (fileRejection == null) {
                while (reader.next()) {
                    if (reader.length() == 0 && !reader.tooLong()) {
                        continue;
                    }
                    read++;
                    long line = reader.lineNumber();
                    while (multiLine && reader.inQuotedField() && reader.continueLine()) {
                        // a quoted field holds a line break: the record goes on (its line is the first)
                    }
                    try {
                        if (reader.tooLong()) {
                            throw new RowReject(reader.lineNumber() == line
                                    ? "line longer than " + maxLine + " characters; the line is skipped (is a line"
                                    + " end missing?)"
                                    : "record longer than " + maxLine + " characters: a quoted field runs from line "
                                    + line + " to line " + reader.lineNumber() + "; the record is skipped (is a"
                                    + " closing quote missing?)");
                        }
                        String err = row.split(reader.buffer(), reader.length(), kind.isCsv());
                        if (err != null) {
                            throw new RowReject(err);
                        }
                        if (kind.isCsv() && row.count() != columns) {
                            throw new RowReject("wrong column count: " + row.count() + " field"
                                    + (row.count() == 1 ? "" : "s") + ", expected " + columns + " ("
                                    + String.join(",", kind.header()) + ")"
                                    + (row.count() > columns ? "; quote fields that contain commas" : ""));
                        }
                        handler.row(row, line);
                        accepted++;
                    } catch (RowReject e) {
                        rejected++;
                        RejectedRow r = new RejectedRow(line, e.getMessage());
                        if (rejections.size() < options.maxReportedRejections()) {
                            rejections.add(r);
                        }
                        sink.rowRejected(r);
                    }
                    if ((read & 255) == 0) {
                        progress.update(read, accepted, rejected, reader.bytesRead());
                    }
                }
                handler.finish();
            }
        } catch (NotUtf8Exception e) {
            fileRejection = new FileRejection(e.line, e.getMessage());
        }
        progress.update(read, accepted, rejected, reader.bytesRead());
        ParseReport report = new ParseReport(kind, read, accepted, rejected, ctx.valuesAccepted,
                ctx.readingsAccepted, rejections, fileRejection);
        sink.end(report);
        return report;
    }

    private static RowHandler handler(FileLayout kind, Ctx ctx) {
        switch (kind) {
            case PARTIES:
                return new PartiesHandler(ctx);
            case METERS:
                return new MetersHandler(ctx);
            case CHANNELS:
                return new ChannelsHandler(ctx);
            case SCHEDULE:
                return new ScheduleHandler(ctx);
            case INTERVALS:
                return new IntervalsHandler(ctx);
            case REGISTERS:
                return new RegistersHandler(ctx);
            case CMEP:
                return new CmepHandler(ctx);
            default:
                throw new IllegalArgumentException(kind.name());
        }
    }

    /** Checks the header row; returns why the file is rejected, or null. */
    private static FileRejection header(FileLayout kind, Utf8LineReader reader, CsvRow row, int maxLine)
            throws IOException, NotUtf8Exception {
        List<String> expected = kind.header();
        String want = "; the header of a " + kind.apiName() + " file is " + String.join(",", expected);
        if (!reader.next()) {
            return new FileRejection(1, "the file is empty: it has no header row" + want);
        }
        if (reader.tooLong()) {
            return new FileRejection(1, "wrong header: line 1 is longer than " + maxLine
                    + " characters" + want);
        }
        String err = row.split(reader.buffer(), reader.length(), true);
        if (err != null) {
            return new FileRejection(1, "wrong header: " + err + want);
        }
        for (int i = 0; i < Math.max(expected.size(), row.count()); i++) {
            if (i >= row.count()) {
                return new FileRejection(1, "wrong header: column " + (i + 1) + " '" + expected.get(i)
                        + "' is missing" + want);
            }
            if (i >= expected.size()) {
                return new FileRejection(1, "wrong header: column " + (i + 1) + " " + row.show(i)
                        + " is not expected" + want);
            }
            if (!row.is(i, expected.get(i))) {
                return new FileRejection(1, "wrong header: column " + (i + 1) + " is " + row.show(i) + " but must be '"
                        + expected.get(i) + "'" + want);
            }
        }
        return null;
    }
}
