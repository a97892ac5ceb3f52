package energy.mdma.delivery.kafka;

import energy.mdma.delivery.archive.ArchiveIndex;
import energy.mdma.delivery.archive.PostedReport;
import energy.mdma.delivery.mailbox.DocumentKind;
import energy.mdma.delivery.mailbox.FileContentStore;
import energy.mdma.delivery.mailbox.MailboxEvent;
import energy.mdma.delivery.mailbox.MailboxFile;
import energy.mdma.delivery.mailbox.MailboxStore;
import energy.mdma.delivery.push.PushService;
import energy.mdma.events.DocumentCancelled;
import energy.mdma.events.DocumentContent;
import energy.mdma.events.DocumentPosted;
import energy.mdma.events.MailboxAction;
import energy.mdma.events.MailboxFileEvent;
import energy.mdma.events.MailboxFileKind;
import energy.mdma.events.ReportPurpose;
import energy.mdma.events.ReportRef;
import energy.mdma.events.Sha256;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Builds the mailboxes from the log: DocumentPosted (mdma.edi.documents) puts the bytes in the content store
 * and the file in the receiver's mailbox, once per fileId; MailboxFileEvent (mdma.mailbox.events) carries the
 * retrieved and pushed states. A file's first appearance after the replay is announced with a POSTED event
 * and handed to the push service.
 *
 * <p>File ids in the API are opaque (a hash of DocumentPosted.fileId); {@code postedAt} is the document's
 * creation time, made strictly increasing per mailbox in log order so that listing cursors stay valid while
 * files arrive - the same value after every replay.
 */
public class MailboxProjection {

    private static final Logger LOG = Logger.getLogger(MailboxProjection.class);

    private final MailboxStore store;
    private final FileContentStore content;
    private final ArchiveIndex archive;
    private final PushService push;
    private final Consumer<MailboxFileEvent> announcer;
    private final Clock clock;
    private final Period retention;

    private final ProjectionState state;
    private final Set<String> announced = ConcurrentHashMap.newKeySet();
    private final Map<String, PushService.PushFile> unannounced = new ConcurrentHashMap<>();
    /** Files carried by several records (a summary part): the chunks read so far, by fileId (log order, one thread). */
    private final Map<String, Chunks> partial = new ConcurrentHashMap<>();
    private volatile boolean live;

    /**
     * @param announcer writes POSTED events (may be asynchronous)
     * @param push      may be null (no push)
     * @param fileIds   filled here: API id to DocumentPosted.fileId (shared with the acknowledgement sink)
     */
    public MailboxProjection(MailboxStore store, FileContentStore content, ArchiveIndex archive, PushService push,
                             Consumer<MailboxFileEvent> announcer, Clock clock, Period retention,
                             Map<String, String> fileIds) {
        this(store, content, archive, push, announcer, clock, retention, ProjectionState.inMemory(fileIds));
    }

    /** @param state what is remembered besides the mailboxes (in memory, or in the views' store) */
    public MailboxProjection(MailboxStore store, FileContentStore content, ArchiveIndex archive, PushService push,
                             Consumer<MailboxFileEvent> announcer, Clock clock, Period retention,
                             ProjectionState state) {
        this.state = state;
        this.store = store;
        this.content = content;
        this.archive = archive;
        this.push = push;
        this.announcer = announcer;
        this.clock = clock;
        this.retention = retention;
    }

    /** The opaque API id of a document's fileId. */
    public static String apiId(String fileId) {
        byte[] h = Sha256.digest(("mdma-mailbox-file:" + fileId).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(h, 0, 16);
    }

    /** DocumentPosted.fileId of an API id. */
    public Optional<String> fileIdOf(String apiId) {
        return Optional.ofNullable(state.fileIdOf(apiId));
    }

    public void handle(ConsumerRecord<String, Object> record) {
        handle(record, true);
    }

    /**
     * @param fresh false for a record the views' store already holds (read again only for the in-memory parts:
     *              which files are announced, the push service's recent files)
     */
    public void handle(ConsumerRecord<String, Object> record, boolean fresh) {
        Object v = record.value();
        if (!fresh) {
            if (v instanceof DocumentPosted d) {
                recall(d);
            } else if (v instanceof MailboxFileEvent e && e.getAction() != MailboxAction.RETRIEVED
                    && e.getAction() != MailboxAction.ACKNOWLEDGED) {
                fileEvent(e);
            }
            return;
        }
        if (v instanceof DocumentPosted d) {
            org.apache.kafka.common.TopicPartition tp =
                    new org.apache.kafka.common.TopicPartition(record.topic(), record.partition());
            if (d.getChunks() > 1 && d.getChunk() == 0) {
                chunkStarts.put(tp, record.offset());
            }
            posted(d);
            if (!partial.containsKey(d.getFileId())) {
                chunkStarts.remove(tp); // read whole (or skipped): the store may move past it
            }
        } else if (v instanceof DocumentCancelled c) {
            archive.cancel(c.getReceiverPartyId(), c.getReportId());
        } else if (v instanceof MailboxFileEvent e) {
            fileEvent(e);
        }
    }

    /**
     * Called once the replay has reached the end of the log: announces and pushes what came meanwhile. A file first
     * read during the replay (no POSTED event in the log: posted while the service was away or starting) is new to
     * the mailbox like one read afterwards, and is pushed whatever its creation time; the push lookback only bounds
     * which files announced before are tried again.
     */
    public void goLive() {
        live = true;
        Set<String> firstSeen = new java.util.HashSet<>();
        for (Map.Entry<String, PushService.PushFile> e : Map.copyOf(unannounced).entrySet()) {
            if (!announced.contains(e.getKey())) {
                announce(e.getValue());
                firstSeen.add(e.getKey());
            }
            unannounced.remove(e.getKey());
        }
        if (push != null) {
            int n = push.sweep(firstSeen);
            if (n > 0) {
                LOG.infof("%d file(s) not pushed yet: pushing them now", n);
            }
        }
    }

    /**
     * Where a file carried by several records started, per partition, while its last chunk is still to come: the
     * views' store must not be checkpointed past it (the replay would resume without its first chunks).
     */
    private final Map<org.apache.kafka.common.TopicPartition, Long> chunkStarts = new ConcurrentHashMap<>();

    /** The offsets of the first chunks of the files not read whole yet, by partition. */
    public Map<org.apache.kafka.common.TopicPartition, Long> openChunks() {
        return Map.copyOf(chunkStarts);
    }

    /** A document the store already holds, read again: the push service and the announcements learn of it. */
    private void recall(DocumentPosted d) {
        if (d.getChunks() > 1 && d.getChunk() != d.getChunks() - 1) {
            return;
        }
        String party = state.partyOf(d.getFileId());
        if (party == null) {
            return;
        }
        store.get(party, apiId(d.getFileId())).ifPresent(f -> {
            PushService.PushFile pf = new PushService.PushFile(d.getFileId(), party, f.name(), f.sha256(), f.postedAt());
            if (push != null) {
                push.know(pf);
            }
            if (!announced.contains(d.getFileId())) {
                unannounced.put(d.getFileId(), pf);
            }
        });
    }

    private void posted(DocumentPosted d) {
        String fileId = d.getFileId();
        String party = d.getReceiverPartyId();
        if (state.partyOf(fileId) != null) {
            return; // a replayed or repeated posting
        }
        Instant created = d.getCreatedAt();
        if (created.isBefore(clock.instant().atZone(ZoneOffset.UTC).minus(retention).toInstant())) {
            return; // past retention: neither in the mailbox nor in the archive
        }
        byte[] frames;
        long size;
        try {
            // an encoded document's frames are checked to declare the file's size
            frames = DocumentContent.encoding(d) == null ? null : DocumentContent.frames(d);
            size = DocumentContent.fileSize(d);
        } catch (IllegalArgumentException e) {
            LOG.errorf("%s; the file is not placed in %s's mailbox", e.getMessage(), party);
            return;
        }
        String sha;
        try {
            if (frames != null) {
                // an 867 as edi-service posts it, Zstandard frames of the file: kept as it came, under the
                // file's SHA-256 (DocumentPosted.sha256), neither decompressed nor hashed here
                sha = content.putZstdFrames(frames, d.getSha256());
            } else {
                byte[] bytes = d.getChunks() > 1 ? assemble(d) : DocumentContent.chunk(d);
                if (bytes == null) {
                    return; // more chunks to come
                }
                size = bytes.length;
                // edi-service hashed these very bytes (DocumentPosted.sha256): stored under that hash, not hashed
                // again (a SHA-256 pass per document was an eighth of this service's CPU); hashed here only without one
                sha = content.put(bytes, d.getSha256());
            }
        } catch (IllegalArgumentException e) {
            LOG.errorf("document %s (%s): %s; the file is not placed in %s's mailbox", fileId, d.getFileName(),
                    e.getMessage(), party);
            return;
        } catch (IOException e) {
            throw new UncheckedIOException("could not store the bytes of " + d.getFileName(), e);
        }
        Instant postedAt = state.nextPostedAt(party, created);
        String apiId = apiId(fileId);
        DocumentKind kind = d.getKind() == MailboxFileKind.SUMMARY ? DocumentKind.SUMMARY : DocumentKind.EDI_867;
        MailboxFile file = new MailboxFile(apiId, party, d.getFileName(), kind, size, sha, postedAt, null, null);
        state.placed(fileId, party, apiId);
        store.apply(new MailboxEvent.FilePosted(file));
        ProjectionState.Retrieval retrieved = state.takePendingRetrieval(fileId);
        if (retrieved != null) {
            store.apply(new MailboxEvent.FileRetrieved(party, apiId, retrieved.at(), retrieved.by()));
        }
        if (kind == DocumentKind.EDI_867) {
            archive.add(party, fileId, reports(d, sha));
        }
        PushService.PushFile pf = new PushService.PushFile(fileId, party, d.getFileName(), sha, postedAt);
        if (push != null) {
            push.know(pf);
        }
        if (live) {
            if (!announced.contains(fileId)) {
                announce(pf);
            }
            if (push != null) {
                push.posted(pf);
            }
        } else {
            unannounced.put(fileId, pf);
        }
    }

    /** The chunks of one file read so far: the next index expected and the bytes (at most one summary part). */
    private static final class Chunks {
        int next;
        final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(1 << 16);
    }

    /**
     * A file carried by consecutive records of its fileId (edi-service writes them in one transaction, so a
     * read_committed reader sees all of them or none): the whole file once its last chunk is read, else null.
     */
    private byte[] assemble(DocumentPosted d) {
        String fileId = d.getFileId();
        Chunks c = d.getChunk() == 0 ? new Chunks() : partial.get(fileId);
        if (c == null || c.next != d.getChunk()) {
            partial.remove(fileId);
            LOG.warnf("document %s (%s): chunk %d of %d arrived without the chunks before it; the file is skipped",
                    fileId, d.getFileName(), d.getChunk() + 1, d.getChunks());
            return null;
        }
        c.bytes.writeBytes(DocumentContent.chunk(d));
        c.next++;
        if (c.next < d.getChunks()) {
            partial.put(fileId, c);
            return null;
        }
        partial.remove(fileId);
        return c.bytes.toByteArray();
    }

    private void announce(PushService.PushFile f) {
        announced.add(f.fileId());
        announcer.accept(MailboxFileEvent.newBuilder().setFileId(f.fileId()).setPartyId(f.party())
                .setAction(MailboxAction.POSTED).setAt(f.postedAt()).setBy("mdma").setDetail(f.name()).build());
    }

    private void fileEvent(MailboxFileEvent e) {
        switch (e.getAction()) {
            case POSTED -> {
                announced.add(e.getFileId());
                unannounced.remove(e.getFileId());
            }
            case RETRIEVED, ACKNOWLEDGED -> {
                String party = state.partyOf(e.getFileId());
                if (party == null) {
                    state.pendingRetrieval(e.getFileId(), new ProjectionState.Retrieval(e.getAt(), e.getBy()));
                } else {
                    store.apply(new MailboxEvent.FileRetrieved(party, apiId(e.getFileId()), e.getAt(), e.getBy()));
                }
            }
            case PUSHED, PUSH_FAILED -> {
                if (push != null) {
                    push.apply(e);
                }
            }
        }
    }

    private static List<PostedReport> reports(DocumentPosted d, String sha) {
        List<PostedReport> out = new ArrayList<>();
        long isa13 = d.getInterchangeControlNumber() == null ? 0 : d.getInterchangeControlNumber();
        int position = 0;
        for (ReportRef r : d.getReports()) {
            out.add(new PostedReport(d.getFileId(), sha, d.getFileName(), d.getCreatedAt(), isa13, position++,
                    r.getReportId(), r.getPurpose() == ReportPurpose.ORIGINAL, r.getCancelledReportId(),
                    r.getServiceAccount(), r.getPeriodStart(), r.getPeriodEnd()));
        }
        return out;
    }
}
