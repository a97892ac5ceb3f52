package energy.mdma.ingest.files;

import energy.mdma.events.ChannelEvent;
import energy.mdma.events.FileKind;
import energy.mdma.events.FileReceived;
import energy.mdma.events.FileStatus;
import energy.mdma.events.MeterEvent;
import energy.mdma.events.PartyEvent;
import energy.mdma.events.RejectedRows;
import energy.mdma.events.Rejection;
import energy.mdma.events.SourceType;
import energy.mdma.events.kafka.Topics;
import energy.mdma.ingest.kafka.EventMapper;
import energy.mdma.ingest.kafka.EventPublisher;
import energy.mdma.ingest.kafka.MasterDataStore;
import energy.mdma.ingest.kafka.PublishedFiles;
import energy.mdma.ingest.model.Channel;
import energy.mdma.ingest.model.Meter;
import energy.mdma.ingest.model.ParsedIntervalBlock;
import energy.mdma.ingest.model.ParsedRegisterReading;
import energy.mdma.ingest.model.Party;
import energy.mdma.ingest.model.ScheduleEntry;
import energy.mdma.ingest.parse.FileLayout;
import energy.mdma.ingest.parse.IngestParser;
import energy.mdma.ingest.parse.IngestSink;
import energy.mdma.ingest.parse.ParseProgress;
import energy.mdma.ingest.parse.ParseReport;
import energy.mdma.ingest.parse.RejectedRow;
import org.jboss.logging.Logger;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * One uploaded file, end to end: streamed to disk and hashed, kept as {@code files/{sha256}} before anything is
 * parsed, answered from the earlier report if those bytes were received before, else parsed and published in one
 * Kafka transaction (events, rejected rows, the FileReceived record), which is aborted if the file is rejected
 * whole (then only a FileReceived with status REJECTED is published). Master data this instance published is
 * applied to the view right after the commit.
 */
public final class IngestService {
    private static final Logger LOG = Logger.getLogger(IngestService.class);
    private static final int REJECTED_ROWS_BLOCK = 500;

    private final FileStore store;
    private final EventPublisher publisher;
    private final PublishedFiles published;
    private final MasterDataStore masterData;
    private final IngestParser parser;
    private final Clock clock;
    private final ConcurrentMap<String, Object> locks = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Running> running = new ConcurrentHashMap<>();

    /** A file being processed: what GET shows meanwhile. */
    private record Running(FileReport meta, ParseProgress progress) {
        FileReport now() {
            return new FileReport(meta.fileId(), meta.name(), meta.kind(), meta.sha256(), meta.size(),
                    FileReport.PROCESSING, progress.rowsRead(), progress.rowsAccepted(), progress.rowsRejected(), false,
                    null, null, meta.submittedBy(), meta.receivedAt(), null, 0, 0, List.of());
        }
    }

    /** The service cannot take files yet (master data not loaded). */
    public static final class NotReadyException extends RuntimeException {
        public NotReadyException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * @param published whether a file's transaction was committed, for a file whose report was not saved after its
     *                  commit (see {@link #ingest})
     */
    public IngestService(FileStore store, EventPublisher publisher, MasterDataStore masterData, IngestParser parser,
            Clock clock, PublishedFiles published) {
        this.published = published;
        this.store = store;
        this.publisher = publisher;
        this.masterData = masterData;
        this.parser = parser;
        this.clock = clock;
    }

    /** The report of a file: the current counts while it runs, else the stored report. */
    public Optional<FileReport> report(String fileId) throws IOException {
        Running r = running.get(fileId);
        if (r != null) {
            return Optional.of(r.now());
        }
        return store.report(fileId);
    }

    /** Where the raw bytes of a file are kept. */
    public Optional<Path> content(String fileId) throws IOException {
        Running r = running.get(fileId);
        String sha = r != null ? r.meta().sha256() : store.report(fileId).map(FileReport::sha256).orElse(null);
        if (sha == null) {
            return Optional.empty();
        }
        Path p = store.raw(sha);
        return Files.exists(p) ? Optional.of(p) : Optional.empty();
    }

    /**
     * Takes one file.
     *
     * @return the report (status COMPLETED or REJECTED; {@code duplicate} when the bytes were received before)
     */
    public FileReport ingest(FileLayout kind, String name, String submittedBy, InputStream body)
            throws IOException, InterruptedException {
        if (!masterData.ready()) {
            String unreadable = masterData.unreadable();
            throw new NotReadyException(unreadable == null
                    ? "the ingest service is still loading the master data; try again shortly"
                    : "the ingest service cannot read a master data record (" + unreadable + "); try again later");
        }
        Instant receivedAt = clock.instant();
        FileStore.Upload upload = store.receive(body);
        String fileId = store.idFor(upload.sha256());
        synchronized (locks.computeIfAbsent(fileId, k -> new Object())) {
            Optional<FileReport> earlier = store.report(fileId);
            if (earlier.isEmpty()) {
                earlier = settlePending(fileId);
            }
            if (earlier.isPresent()) {
                store.discard(upload);
                LOG.infof("file %s (%s) from %s: same bytes as before, duplicate", fileId, name, submittedBy);
                return earlier.get().asDuplicate();
            }
            Path raw = store.keep(upload);
            FileReport meta = new FileReport(fileId, name, kind.apiName(), upload.sha256(), upload.size(),
                    FileReport.PROCESSING, 0, 0, 0, false, null, null, submittedBy, receivedAt, null, 0, 0, List.of());
            ParseProgress progress = new ParseProgress();
            running.put(fileId, new Running(meta, progress));
            try {
                FileReport report = process(kind, meta, raw, progress);
                store.save(report);
                store.clearPending(fileId);
                LOG.infof("file %s (%s, %s, %d bytes) from %s: %s, %d rows read, %d accepted, %d rejected", fileId,
                        name, kind.apiName(), upload.size(), submittedBy, report.status(), report.rowsRead(),
                        report.rowsAccepted(), report.rowsRejected());
                return report;
            } finally {
                running.remove(fileId);
            }
        }
    }

    private FileReport process(FileLayout kind, FileReport meta, Path raw, ParseProgress progress)
            throws IOException, InterruptedException {
        ParseReport parsed;
        FileSink sink;
        try (EventPublisher.Tx tx = publisher.begin()) {
            sink = new FileSink(tx, kind, meta);
            try (InputStream in = new BufferedInputStream(Files.newInputStream(raw), 1 << 16)) {
                parsed = parser.parse(kind, in, sink, progress);
            }
            if (!parsed.fileRejected()) {
                sink.flushRejections();
                FileReport report = report(meta, parsed);
                commitWithReport(tx, report, raw, kind);
                sink.applyMasterData(masterData);
                return report;
            }
            tx.abort();
        }
        // rejected whole: nothing of the file is published, only that it was received and why it was refused
        FileReport report = report(meta, parsed);
        try (EventPublisher.Tx tx = publisher.begin()) {
            commitWithReport(tx, report, raw, kind);
        }
        return report;
    }

    /**
     * Sends the file's FileReceived event last, notes the report with where that event lies (fsynced) and commits. A
     * crash after the commit but before the report is saved leaves the note: the next upload of the same bytes asks
     * the log whether the event was committed ({@link #settlePending}) instead of publishing the file again.
     */
    private void commitWithReport(EventPublisher.Tx tx, FileReport report, Path raw, FileLayout kind) throws IOException {
        var where = tx.sendAndLocate(Topics.FILES_RECEIVED, report.fileId(), fileReceived(report, raw, kind));
        store.savePending(new FileStore.Pending(report, where.partition(), where.offset()));
        tx.commit();
    }

    /**
     * A file with a noted report but no saved one: its commit was under way when the service stopped. Committed: the
     * noted report is its report (saved now), nothing is published again. Aborted: the note goes, the file is
     * processed anew. Not known yet (its transaction still open, Kafka away): the upload is refused for now.
     */
    private Optional<FileReport> settlePending(String fileId) throws IOException {
        Optional<FileStore.Pending> pending = store.pending(fileId);
        if (pending.isEmpty()) {
            return Optional.empty();
        }
        FileStore.Pending p = pending.get();
        Optional<Boolean> committed = published.committed(fileId, p.partition(), p.offset());
        if (committed.isEmpty()) {
            throw new NotReadyException("file " + fileId + " was being published when the service stopped and "
                    + "whether that completed cannot be told yet (Kafka unavailable or its transaction still open); "
                    + "send it again in a minute");
        }
        if (committed.get()) {
            LOG.infof("file %s: its transaction was committed before its report was saved; the report is saved now and "
                    + "nothing is published again", fileId);
            store.save(p.report());
            store.clearPending(fileId);
            return Optional.of(p.report());
        }
        LOG.infof("file %s: its earlier transaction was aborted; it is processed again", fileId);
        store.clearPending(fileId);
        return Optional.empty();
    }

    private FileReport report(FileReport meta, ParseReport p) {
        List<FileReport.Row> rows = new ArrayList<>(p.rejections().size());
        for (RejectedRow r : p.rejections()) {
            rows.add(new FileReport.Row(r.line(), r.reason()));
        }
        boolean rejected = p.fileRejected();
        return new FileReport(meta.fileId(), meta.name(), meta.kind(), meta.sha256(), meta.size(),
                rejected ? FileReport.REJECTED : FileReport.COMPLETED, p.rowsRead(), rejected ? 0 : p.rowsAccepted(),
                p.rowsRejected(), false, rejected ? p.fileRejection().reason() : null,
                rejected ? p.fileRejection().line() : null, meta.submittedBy(), meta.receivedAt(), clock.instant(),
                rejected ? 0 : p.valuesAccepted(), rejected ? 0 : p.readingsAccepted(), rows);
    }

    private static FileReceived fileReceived(FileReport r, Path raw, FileLayout kind) {
        return FileReceived.newBuilder().setFileId(r.fileId()).setName(r.name())
                .setKind(FileKind.valueOf(kind.name())).setSha256(r.sha256()).setSize(r.size())
                .setSubmittedBy(r.submittedBy()).setReceivedAt(r.receivedAt()).setStoredAt(raw.toString())
                .setStatus(r.rejectedWhole() ? FileStatus.REJECTED : FileStatus.COMPLETED).setRowsRead(r.rowsRead())
                .setRowsAccepted(r.rowsAccepted()).setRowsRejected(r.rowsRejected()).setDuplicateOf(null)
                .setProblem(r.problem()).build();
    }

    /** Publishes what the parser accepts, inside the file's transaction. */
    private static final class FileSink implements IngestSink {
        private final EventPublisher.Tx tx;
        private final String fileId;
        private final String submittedBy;
        private final Instant receivedAt;
        private final SourceType sourceType;
        private final List<Rejection> rejected = new ArrayList<>();
        private final List<PartyEvent> parties = new ArrayList<>();
        private final List<MeterEvent> meters = new ArrayList<>();
        private final List<ChannelEvent> channels = new ArrayList<>();

        FileSink(EventPublisher.Tx tx, FileLayout kind, FileReport meta) {
            this.tx = tx;
            this.fileId = meta.fileId();
            this.submittedBy = meta.submittedBy();
            this.receivedAt = meta.receivedAt();
            this.sourceType = kind == FileLayout.CMEP ? SourceType.CMEP : SourceType.CSV;
        }

        @Override
        public void party(Party party) {
            PartyEvent e = EventMapper.party(party, submittedBy, receivedAt, fileId);
            tx.send(Topics.PARTIES, e.getPartyId(), e);
            parties.add(e);
        }

        @Override
        public void meter(Meter meter) {
            MeterEvent e = EventMapper.meter(meter, fileId);
            tx.send(Topics.METERS, e.getMeterId(), e);
            meters.add(e);
        }

        @Override
        public void channel(Channel channel) {
            ChannelEvent e = EventMapper.channel(channel, fileId);
            tx.send(Topics.CHANNELS, Topics.channelKey(e.getMeterId(), e.getChannel()), e);
            channels.add(e);
        }

        @Override
        public void scheduleEntry(ScheduleEntry entry) {
            tx.send(Topics.SCHEDULES, EventMapper.scheduleKey(entry), EventMapper.schedule(entry, fileId));
        }

        @Override
        public void intervals(ParsedIntervalBlock block) {
            String key = Topics.channelKey(block.meterId(), block.channel());
            EventMapper.runs(block, sourceType, fileId, receivedAt, run -> tx.send(Topics.INTERVALS, key, run));
        }

        @Override
        public void register(ParsedRegisterReading reading) {
            tx.send(Topics.REGISTERS, Topics.channelKey(reading.meterId(), reading.channel()),
                    EventMapper.register(reading, sourceType, fileId, receivedAt));
        }

        @Override
        public void rowRejected(RejectedRow r) {
            rejected.add(new Rejection(r.line(), r.reason()));
            if (rejected.size() >= REJECTED_ROWS_BLOCK) {
                flushRejections();
            }
        }

        void flushRejections() {
            if (!rejected.isEmpty()) {
                tx.send(Topics.FILES_REJECTED_ROWS, fileId, new RejectedRows(fileId, new ArrayList<>(rejected)));
                rejected.clear();
            }
        }

        void applyMasterData(MasterDataStore view) {
            parties.forEach(view::apply);
            meters.forEach(view::apply);
            channels.forEach(view::apply);
        }
    }
}
