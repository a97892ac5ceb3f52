package energy.mdma.delivery.kafka;

import energy.mdma.delivery.TestLog;
import energy.mdma.delivery.app.KafkaSupport;
import energy.mdma.kafka.CompactedTopicReplay;
import energy.mdma.delivery.archive.ArchiveIndex;
import energy.mdma.delivery.archive.StoredArchiveIndex;
import energy.mdma.delivery.mailbox.FilesystemContentStore;
import energy.mdma.delivery.mailbox.InMemoryMailboxStore;
import energy.mdma.delivery.mailbox.MailboxEventSink;
import energy.mdma.delivery.mailbox.MailboxFile;
import energy.mdma.delivery.mailbox.MailboxPage;
import energy.mdma.delivery.mailbox.MailboxStore;
import energy.mdma.delivery.mailbox.StatusFilter;
import energy.mdma.delivery.mailbox.StoredMailboxStore;
import energy.mdma.delivery.store.Keys;
import energy.mdma.delivery.store.ViewStore;
import energy.mdma.events.DocumentPosted;
import energy.mdma.events.MailboxAction;
import energy.mdma.events.MailboxFileEvent;
import energy.mdma.events.MailboxFileKind;
import energy.mdma.events.ReportPurpose;
import energy.mdma.events.ReportRef;
import energy.mdma.events.kafka.Topics;
import energy.mdma.testsupport.MdmaTestPlatform;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The views' store on the test broker (issue 12): a second start reads only what arrived since the first (not the
 * topics' history), a stop without any clean close keeps complete views (what a poll applied is written with its
 * offsets or not at all), and a wiped store - or one whose files' directory was lost - is rebuilt from the topics.
 * Listings are compared with an independent in-memory replay of the whole log.
 */
class ViewsRestartTest {

    private static final int OLD = 600;
    private static final int NEW = 20;

    @TempDir
    Path dir;

    @Test
    void restartsWithoutReplayingAndAnswersTheSameListings() throws Exception {
        MdmaTestPlatform platform = MdmaTestPlatform.get();
        String party = "VR" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        Instant longAgo = Instant.now().minus(40, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        try (KafkaProducer<String, Object> p = TestLog.producer(platform)) {
            for (int i = 0; i < OLD; i++) {
                // written long ago (record time), so outside the recent window read again at start
                p.send(new ProducerRecord<>(Topics.EDI_DOCUMENTS, null, longAgo.plusSeconds(i).toEpochMilli(), party,
                        doc(party, i, longAgo.plusSeconds(60L * i))));
            }
            for (int i = 0; i < OLD; i += 3) {
                p.send(new ProducerRecord<>(Topics.MAILBOX_EVENTS, null, longAgo.plusSeconds(OLD + i).toEpochMilli(),
                        party, ack(party, i, longAgo.plusSeconds(60L * i + 30))));
            }
            p.flush();
        }
        Path storeDir = dir.resolve("views");
        Path files = dir.resolve("files");

        // first start: builds the store from the beginning of the topics
        ViewStore db = ViewStore.open(storeDir);
        long firstRead = run(platform, db, files, party);
        assertTrue(firstRead >= OLD, "the first start reads the history: " + firstRead);
        assertTrue(db.clusterId() != null && !db.clusterId().isBlank(), "the store knows which cluster it was built from");
        List<MailboxFile> all = listAll(new StoredMailboxStore(db, new FilesystemContentStore(files),
                MailboxEventSink.NONE, Clock.systemUTC()), party, StatusFilter.ALL);
        assertEquals(OLD, all.size());
        assertEquals(OLD / 3, all.stream().filter(MailboxFile::isRetrieved).count());

        // a kill in the middle of a poll: records applied into the batch, never committed
        db.begin();
        db.put(Keys.of(Keys.DOCUMENT, "half-applied"), new byte[]{1});
        db.close(); // no flush at shutdown: what survives is the write-ahead log, as after kill -9

        try (KafkaProducer<String, Object> p = TestLog.producer(platform)) {
            for (int i = OLD; i < OLD + NEW; i++) {
                p.send(new ProducerRecord<>(Topics.EDI_DOCUMENTS, party, doc(party, i, longAgo.plusSeconds(60L * i))));
            }
            p.send(new ProducerRecord<>(Topics.MAILBOX_EVENTS, party, ack(party, OLD + 1, Instant.now())));
            p.flush();
        }

        // second start: only what arrived since (and whatever other tests wrote meanwhile), not the history
        db = ViewStore.open(storeDir);
        assertNull(db.get(Keys.of(Keys.DOCUMENT, "half-applied")), "an uncommitted batch is not in the store");
        long secondRead = run(platform, db, files, party);
        assertEquals(NEW + 1, secondRead, "the second start reads only this mailbox's records written since the first");
        StoredMailboxStore stored = new StoredMailboxStore(db, new FilesystemContentStore(files), MailboxEventSink.NONE,
                Clock.systemUTC());
        List<MailboxFile> expectedAll = replayInMemory(platform, party, StatusFilter.ALL);
        List<MailboxFile> expectedNew = replayInMemory(platform, party, StatusFilter.NEW);
        assertEquals(OLD + NEW, expectedAll.size());
        assertEquals(expectedAll, listAll(stored, party, StatusFilter.ALL), "same files, order, states as a full replay");
        assertEquals(expectedNew, listAll(stored, party, StatusFilter.NEW));
        assertEquals(expectedAll.get(expectedAll.size() - 1), stored.latest(party,
                energy.mdma.delivery.mailbox.DocumentKind.EDI_867).orElseThrow());
        StoredArchiveIndex archive = new StoredArchiveIndex(db);
        assertEquals(List.of("ACC-" + party), archive.accounts(party));
        assertEquals(1, archive.current(party, "ACC-" + party, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 31)).size());

        // the recovery path: a wiped store is rebuilt from the topics, with the same listings
        db.wipe();
        long rebuiltRead = run(platform, db, files, party);
        assertTrue(rebuiltRead >= OLD + NEW, "a wiped store reads the history again: " + rebuiltRead);
        assertEquals(expectedAll, listAll(stored, party, StatusFilter.ALL));

        // the files' bytes lost (their directory deleted, the store kept): the store is rebuilt and writes them again
        try (java.util.stream.Stream<Path> walk = java.nio.file.Files.walk(files)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
        long afterFilesLost = run(platform, db, files, party);
        assertTrue(afterFilesLost >= OLD + NEW, "files lost: the history is read again: " + afterFilesLost);
        assertEquals(expectedAll, listAll(stored, party, StatusFilter.ALL));
        FilesystemContentStore content = new FilesystemContentStore(files);
        for (MailboxFile f : List.of(expectedAll.get(0), expectedAll.get(expectedAll.size() - 1))) {
            assertTrue(content.read(f.sha256()).isPresent(), "the bytes of " + f.name() + " are there again");
        }
        db.close();
    }

    /** One start of the stored views: until caught up; the records of {@code party}'s mailbox read. */
    private static long run(MdmaTestPlatform platform, ViewStore db, Path files, String party) {
        java.util.concurrent.atomic.AtomicLong read = new java.util.concurrent.atomic.AtomicLong();
        FilesystemContentStore content = new FilesystemContentStore(files);
        MailboxStore store = new StoredMailboxStore(db, content, MailboxEventSink.NONE, Clock.systemUTC());
        ProjectionState state = ProjectionState.stored(db);
        MailboxProjection projection = new MailboxProjection(store, content, new StoredArchiveIndex(db), null, e -> {
        }, Clock.systemUTC(), Period.parse("P3Y90D"), state);
        StoreCheckpoints cp = new StoreCheckpoints(db, Set.of(Topics.EDI_DOCUMENTS, Topics.MAILBOX_EVENTS),
                // no recent window read again: the test's old records sit after newer ones of other tests in the log
                Set.of(), () -> Instant.now().minus(Duration.ofDays(2)),
                projection::openChunks, files);
        try (CompactedTopicReplay r = KafkaSupport.replay("views-restart", platform.kafkaClientProperties("delivery"),
                platform.registryUrl(), "views-restart-test", List.of(Topics.EDI_DOCUMENTS, Topics.MAILBOX_EVENTS),
                rec -> {
                    if (party.equals(rec.key())) {
                        read.incrementAndGet();
                    }
                    projection.handle(rec, cp.fresh(rec));
                }).checkpointedBy(cp).start()) {
            assertTrue(r.syncNow(Duration.ofSeconds(90)), "caught up");
            return read.get();
        }
    }

    private static List<MailboxFile> replayInMemory(MdmaTestPlatform platform, String party, StatusFilter status)
            throws Exception {
        FilesystemContentStore content = new FilesystemContentStore(java.nio.file.Files.createTempDirectory("vr-mem"));
        InMemoryMailboxStore store = new InMemoryMailboxStore(content, MailboxEventSink.NONE, Clock.systemUTC());
        MailboxProjection projection = new MailboxProjection(store, content, new ArchiveIndex(), null, e -> {
        }, Clock.systemUTC(), Period.parse("P3Y90D"), new ConcurrentHashMap<>());
        try (CompactedTopicReplay r = KafkaSupport.replay("views-memory", platform.kafkaClientProperties("delivery"),
                platform.registryUrl(), "views-restart-test", List.of(Topics.EDI_DOCUMENTS, Topics.MAILBOX_EVENTS),
                projection::handle).start()) {
            assertTrue(r.awaitCaughtUp(Duration.ofSeconds(90)));
        }
        return listAll(store, party, status);
    }

    private static List<MailboxFile> listAll(MailboxStore store, String party, StatusFilter status) {
        List<MailboxFile> out = new ArrayList<>();
        String cursor = null;
        do {
            MailboxPage page = store.list(party, status, null, 97, cursor);
            out.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        return out;
    }

    static DocumentPosted doc(String party, int i, Instant created) {
        byte[] bytes = ("ISA*" + party + "*" + i + "~").getBytes(StandardCharsets.UTF_8);
        return DocumentPosted.newBuilder().setFileId(party + "-867-" + i).setReceiverPartyId(party)
                .setKind(MailboxFileKind.EDI_867).setFileName("MDMA_867_" + party + "_" + i + ".x12")
                .setInterchangeControlNumber((long) i + 1).setCreatedAt(created)
                .setSha256(energy.mdma.events.Sha256.hex(bytes))
                .setContent(ByteBuffer.wrap(bytes)).setReports(List.of(ReportRef.newBuilder()
                        .setServiceAccount("ACC-" + party).setPeriodStart(LocalDate.of(2026, 1, 1))
                        .setPeriodEnd(LocalDate.of(2026, 1, 31)).setReportId(party + "-R" + i)
                        .setPurpose(ReportPurpose.ORIGINAL).setCancelledReportId(null)
                        .setMeterIds(List.of("M-" + party)).build())).build();
    }

    static MailboxFileEvent ack(String party, int i, Instant at) {
        return MailboxFileEvent.newBuilder().setFileId(party + "-867-" + i).setPartyId(party)
                .setAction(MailboxAction.ACKNOWLEDGED).setAt(at).setBy(party).build();
    }
}
