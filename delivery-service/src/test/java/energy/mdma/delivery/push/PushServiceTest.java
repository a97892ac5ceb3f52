package energy.mdma.delivery.push;

import energy.mdma.delivery.TestClock;
import energy.mdma.delivery.audit.AuditAction;
import energy.mdma.delivery.audit.AuditEntry;
import energy.mdma.delivery.audit.AuditOutcome;
import energy.mdma.delivery.mailbox.FilesystemContentStore;
import energy.mdma.events.MailboxAction;
import energy.mdma.events.MailboxFileEvent;
import energy.mdma.events.PrevailingTime;
import energy.mdma.testsupport.Poll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Pushes to a real local HTTPS server: retries with backoff through 5xx, idempotent, restart-proof. The retry window is
 * measured on a {@link TestClock}: each failed attempt moves it by {@link #ATTEMPT_TAKES}, so how many attempts fit in
 * the window does not depend on the machine's speed.
 */
class PushServiceTest {

    private static final String USER = "mdma-push-user";
    private static final String SECRET = "mft-secret-not-logged";
    private static final String AUTH = "Basic " + Base64.getEncoder()
            .encodeToString((USER + ":" + SECRET).getBytes(StandardCharsets.UTF_8));

    @TempDir
    Path dir;

    /** How far the test clock moves with each failed attempt. */
    private static final Duration ATTEMPT_TAKES = Duration.ofMillis(100);

    private final List<MailboxFileEvent> events = new CopyOnWriteArrayList<>();
    private final List<AuditEntry> audit = new CopyOnWriteArrayList<>();
    private final TestClock clock = new TestClock(Instant.parse("2026-03-01T20:00:00Z"));

    private void publish(MailboxFileEvent event) {
        events.add(event);
        if (event.getAction() == MailboxAction.PUSH_FAILED) {
            clock.advance(ATTEMPT_TAKES);
        }
    }

    private PushService service(TestMftServer mft, FilesystemContentStore content, Duration retryFor) throws Exception {
        PushService.Settings settings = new PushService.Settings(retryFor, Duration.ofMillis(50), Duration.ofMillis(400),
                Duration.ofDays(7), Duration.ofSeconds(10), LocalTime.of(5, 0), PrevailingTime.ZONE);
        PushService.Targets targets = party -> party.equals("UDC1")
                ? Optional.of(new PushService.Target(mft.url(), USER, SECRET)) : Optional.empty();
        return new PushService(settings, targets, content, this::publish, audit::add, clock, mft.client());
    }

    @Test
    void retriesThroughServerErrorsThenPushesOnceAndAStartDoesNotPushAgain() throws Exception {
        FilesystemContentStore content = new FilesystemContentStore(dir.resolve("files"));
        byte[] bytes = "ISA*00*push test~\n".getBytes(StandardCharsets.UTF_8);
        String sha = content.put(bytes);
        PushService.PushFile file = new PushService.PushFile("UDC1-867-000000001", "UDC1",
                "MDMA_867_UDC1_20260301120000_000000001.x12", sha, clock.instant());
        PushService.PushFile other = new PushService.PushFile("ESP1-867-000000001", "ESP1",
                "MDMA_867_ESP1_20260301120000_000000001.x12", sha, clock.instant());
        try (TestMftServer mft = new TestMftServer(dir, 3, AUTH); PushService push = service(mft, content, Duration.ofHours(24))) {
            push.posted(file);
            push.posted(other); // no endpoint: not pushed
            Poll.until("pushed after the server recovers", Duration.ofSeconds(20), () -> push.isPushed(file.fileId()));
            assertEquals(4, mft.requests(), "three 503s, then a 201");
            assertEquals(1, mft.uploads().size());
            assertEquals(file.name(), mft.uploads().get(0).name());
            assertArrayEquals(bytes, mft.files().get(file.name()));
            assertEquals(AUTH, mft.uploads().get(0).authorization());
            assertEquals(List.of(MailboxAction.PUSH_FAILED, MailboxAction.PUSH_FAILED, MailboxAction.PUSH_FAILED,
                    MailboxAction.PUSHED), events.stream().map(MailboxFileEvent::getAction).toList());
            assertEquals("HTTP 503", events.get(0).getDetail());
            assertEquals("HTTP 201", events.get(3).getDetail());
            assertFalse(push.isPushed(other.fileId()));
            assertTrue(audit.stream().allMatch(a -> a.action() == AuditAction.PUSH && "UDC1".equals(a.party())));
            assertEquals(AuditOutcome.SUCCESS, audit.get(audit.size() - 1).outcome());
            for (Object o : List.of(events, audit)) {
                assertFalse(o.toString().contains(SECRET), "no secret in events or audit");
                assertFalse(o.toString().contains(mft.url()), "no endpoint URL in events or audit");
            }
            // a sweep (daily run) does not push what is pushed
            assertEquals(0, push.sweep());

            // a "restart": a new service rebuilt from the events pushes nothing again
            try (PushService restarted = service(mft, content, Duration.ofHours(24))) {
                restarted.know(file);
                events.forEach(restarted::apply);
                assertTrue(restarted.isPushed(file.fileId()));
                assertEquals(0, restarted.sweep(), "no round started");
                assertEquals(1, mft.uploads().size());
            }
        }
    }

    @Test
    void givesUpAfterTheRetryWindowAndTheDailySweepPushesLater() throws Exception {
        FilesystemContentStore content = new FilesystemContentStore(dir.resolve("files"));
        String sha = content.put("x".getBytes(StandardCharsets.UTF_8));
        PushService.PushFile file = new PushService.PushFile("UDC1-867-000000002", "UDC1",
                "MDMA_867_UDC1_20260301120000_000000002.x12", sha, clock.instant());
        try (TestMftServer mft = new TestMftServer(dir, 1000, AUTH); PushService push = service(mft, content, Duration.ofMillis(300))) {
            push.posted(file);
            Poll.until("the round gives up once its window is over", Duration.ofSeconds(20),
                    () -> push.gaveUp(file.fileId()));
            // attempts at +0, +100 and +200 ms of the clock; the third's backoff (200 ms) would end past the 300 ms window
            assertEquals(3, mft.requests(), "attempts within the window, then none");
            assertEquals(List.of(MailboxAction.PUSH_FAILED, MailboxAction.PUSH_FAILED, MailboxAction.PUSH_FAILED),
                    events.stream().map(MailboxFileEvent::getAction).toList());
            assertFalse(push.isPushed(file.fileId()));
        }
        try (TestMftServer healthy = new TestMftServer(dir, 0, AUTH); PushService push = service(healthy, content, Duration.ofHours(1))) {
            push.know(file);
            events.forEach(push::apply); // only failures in the log
            assertEquals(1, push.sweep());
            Poll.until("pushed by the sweep", Duration.ofSeconds(20), () -> push.isPushed(file.fileId()));
            assertFalse(push.gaveUp(file.fileId()));
            assertEquals(1, healthy.uploads().size());
        }
    }

    @Test
    void backoffDoublesUpToTheMaximum() throws Exception {
        try (TestMftServer mft = new TestMftServer(dir, 0, null);
             PushService push = service(mft, new FilesystemContentStore(dir.resolve("f")), Duration.ofHours(24))) {
            assertEquals(Duration.ofMillis(50), push.backoff(1));
            assertEquals(Duration.ofMillis(100), push.backoff(2));
            assertEquals(Duration.ofMillis(200), push.backoff(3));
            assertEquals(Duration.ofMillis(400), push.backoff(4));
            assertEquals(Duration.ofMillis(400), push.backoff(30));
        }
    }
}
