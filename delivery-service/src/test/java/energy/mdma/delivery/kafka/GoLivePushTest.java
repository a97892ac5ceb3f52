package energy.mdma.delivery.kafka;

import energy.mdma.delivery.archive.ArchiveIndex;
import energy.mdma.delivery.mailbox.FilesystemContentStore;
import energy.mdma.delivery.mailbox.InMemoryMailboxStore;
import energy.mdma.delivery.mailbox.MailboxEventSink;
import energy.mdma.delivery.push.PushService;
import energy.mdma.delivery.push.TestMftServer;
import energy.mdma.events.DocumentPosted;
import energy.mdma.events.MailboxAction;
import energy.mdma.events.MailboxFileEvent;
import energy.mdma.events.MailboxFileKind;
import energy.mdma.events.PrevailingTime;
import energy.mdma.events.Sha256;
import energy.mdma.events.kafka.Topics;
import energy.mdma.testsupport.Poll;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A document read while the log is replayed at start (posted while delivery was away or still starting, so never
 * announced) is pushed once the replay has caught up, like one read afterwards, however old its creation time: the
 * push lookback bounds only which files announced before are tried again. Before this, such a file was announced but
 * left to the lookback sweep, which skipped a document created more than a week earlier - KafkaDeliveryTest's files
 * (created in March) were never pushed whenever they reached the log before the views' replay had caught up.
 */
class GoLivePushTest {

    private static final String UDC = "UDC1";

    @TempDir
    Path dir;

    private final Clock clock = Clock.fixed(Instant.parse("2026-12-04T18:00:00Z"), ZoneOffset.UTC);
    private final List<MailboxFileEvent> events = new CopyOnWriteArrayList<>();
    private long offset;

    @Test
    void aFileReadDuringTheStartReplayIsPushedWhateverItsAgeAndAnAnnouncedOneOnlyWithinTheLookback() throws Exception {
        FilesystemContentStore content = new FilesystemContentStore(dir.resolve("files"));
        InMemoryMailboxStore store = new InMemoryMailboxStore(content, MailboxEventSink.NONE, clock);
        try (TestMftServer mft = new TestMftServer(dir, 0, null); PushService push = push(mft, content)) {
            MailboxProjection projection = new MailboxProjection(store, content, new ArchiveIndex(), push, events::add,
                    clock, Period.parse("P3Y90D"), new ConcurrentHashMap<>());

            // the replay at start: both created in March, far outside the 7-day lookback
            DocumentPosted fresh = doc(1, Instant.parse("2026-03-01T12:00:00Z"));
            DocumentPosted announcedBefore = doc(2, Instant.parse("2026-03-02T12:00:00Z"));
            handle(projection, Topics.EDI_DOCUMENTS, fresh);
            handle(projection, Topics.EDI_DOCUMENTS, announcedBefore);
            handle(projection, Topics.MAILBOX_EVENTS, MailboxFileEvent.newBuilder().setFileId(announcedBefore.getFileId())
                    .setPartyId(UDC).setAction(MailboxAction.POSTED).setAt(announcedBefore.getCreatedAt()).setBy("mdma")
                    .setDetail(announcedBefore.getFileName()).build());
            assertEquals(0, mft.requests(), "nothing pushed while replaying");

            projection.goLive();
            // a file read after the replay, pushed at once; uploads run one at a time in the order they were started
            DocumentPosted live = doc(3, Instant.parse("2026-03-03T12:00:00Z"));
            handle(projection, Topics.EDI_DOCUMENTS, live);

            Poll.until("the live file pushed", Duration.ofSeconds(20), () -> push.isPushed(live.getFileId()));
            assertTrue(push.isPushed(fresh.getFileId()), "the file first read during the replay is pushed too");
            assertEquals(List.of(fresh.getFileName(), live.getFileName()),
                    mft.uploads().stream().map(TestMftServer.Upload::name).toList(),
                    "the file announced before start and older than the lookback is left to the daily run's window");
            assertEquals(List.of(fresh.getFileId(), live.getFileId()), events.stream()
                    .filter(e -> e.getAction() == MailboxAction.POSTED).map(MailboxFileEvent::getFileId).toList(),
                    "each new file announced once");
        }
    }

    private void handle(MailboxProjection projection, String topic, Object value) {
        projection.handle(new ConsumerRecord<>(topic, 0, offset++, UDC, value));
    }

    private static DocumentPosted doc(int n, Instant created) {
        byte[] bytes = ("ISA*00*file " + n + "~\n").getBytes(StandardCharsets.UTF_8);
        return DocumentPosted.newBuilder().setFileId(UDC + "-867-00000000" + n).setReceiverPartyId(UDC)
                .setKind(MailboxFileKind.EDI_867).setFileName("MDMA_867_UDC1_20260301120000_00000000" + n + ".x12")
                .setInterchangeControlNumber((long) n).setCreatedAt(created).setSha256(Sha256.hex(bytes))
                .setContent(ByteBuffer.wrap(bytes)).setReports(List.of()).build();
    }

    private PushService push(TestMftServer mft, FilesystemContentStore content) throws Exception {
        PushService.Settings settings = new PushService.Settings(Duration.ofHours(1), Duration.ofMillis(50),
                Duration.ofMillis(400), Duration.ofDays(7), Duration.ofSeconds(10), LocalTime.of(5, 0),
                PrevailingTime.ZONE);
        PushService.Targets targets = party -> UDC.equals(party)
                ? Optional.of(new PushService.Target(mft.url(), "mdma", "secret")) : Optional.empty();
        return new PushService(settings, targets, content, events::add, a -> {
        }, clock, mft.client());
    }
}
