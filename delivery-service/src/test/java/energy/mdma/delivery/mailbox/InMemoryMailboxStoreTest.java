package energy.mdma.delivery.mailbox;

import energy.mdma.delivery.TestClock;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

class InMemoryMailboxStoreTest {

    @Test
    void pagingWhileAnotherThreadPostsSeesEveryOriginalFileOnceInOrder() throws Exception {
        Path dir = Files.createTempDirectory("mbx");
        InMemoryMailboxStore store = new InMemoryMailboxStore(new FilesystemContentStore(dir), MailboxEventSink.NONE, Clock.systemUTC());
        List<String> original = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            original.add(store.post("P", "f" + i, DocumentKind.EDI_867, ("x" + i).getBytes(StandardCharsets.UTF_8))
                    .id());
        }
        ExecutorService poster = Executors.newSingleThreadExecutor();
        poster.submit(() -> {
            for (int i = 0; i < 300; i++) {
                store.post("P", "late" + i, DocumentKind.EDI_867, ("late" + i).getBytes(StandardCharsets.UTF_8));
            }
        });
        List<MailboxFile> seen = new ArrayList<>();
        String cursor = null;
        do {
            MailboxPage page = store.list("P", StatusFilter.ALL, null, 37, cursor);
            seen.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        poster.shutdown();
        assertTrue(poster.awaitTermination(10, TimeUnit.SECONDS));
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < seen.size(); i++) {
            assertTrue(ids.add(seen.get(i).id()), "duplicate");
            if (i > 0) {
                assertTrue(!seen.get(i).postedAt().isBefore(seen.get(i - 1).postedAt()), "ordered");
            }
        }
        assertTrue(ids.containsAll(original));
    }

    @Test
    void sinceSeeksToTheDayAndOtherPartiesAreInvisible() throws IOException {
        TestClock clock = new TestClock(Instant.parse("2026-01-01T06:30:00Z"));
        InMemoryMailboxStore store = new InMemoryMailboxStore(new FilesystemContentStore(Files.createTempDirectory("mbx")),
                MailboxEventSink.NONE, clock);
        for (int d = 0; d < 10; d++) {
            store.post("UDC", "udc-" + d, DocumentKind.EDI_867, ("u" + d).getBytes(StandardCharsets.UTF_8));
            store.post("ESP", "esp-" + d, DocumentKind.EDI_867, ("e" + d).getBytes(StandardCharsets.UTF_8));
            clock.advance(java.time.Duration.ofDays(1));
        }
        MailboxPage day = store.list("UDC", StatusFilter.ALL, Instant.parse("2026-01-08T00:00:00Z"), 100, null);
        assertEquals(List.of("udc-7", "udc-8", "udc-9"), day.items().stream().map(MailboxFile::name).toList());
        assertNull(day.nextCursor());
        MailboxFile espFile = store.list("ESP", StatusFilter.ALL, null, 1, null).items().get(0);
        assertTrue(store.get("UDC", espFile.id()).isEmpty());
        assertTrue(store.ack("UDC", espFile.id(), "UDC").isEmpty());
        assertFalse(store.get("ESP", espFile.id()).orElseThrow().isRetrieved());
    }

    @Test
    void anAcknowledgementHoldsTheTimeTheLogCarriesSoARepeatAnswersTheSame() throws IOException {
        // a clock with nanoseconds; mdma.mailbox.events carries milliseconds: the view read back from the log (here:
        // the event applied again) must not change the retrievedAt the first acknowledgement answered
        Clock nanos = Clock.fixed(Instant.parse("2026-12-06T08:04:29.307434401Z"), java.time.ZoneOffset.UTC);
        List<MailboxEvent> events = new ArrayList<>();
        InMemoryMailboxStore store = new InMemoryMailboxStore(
                new FilesystemContentStore(Files.createTempDirectory("mbx")), events::add, nanos);
        MailboxFile a = store.post("P", "a", DocumentKind.EDI_867, "a".getBytes(StandardCharsets.UTF_8));
        MailboxFile first = store.ack("P", a.id(), "P").orElseThrow();
        assertEquals(Instant.parse("2026-12-06T08:04:29.307Z"), first.retrievedAt());
        MailboxEvent.FileRetrieved retrieved = (MailboxEvent.FileRetrieved) events.get(1);
        store.apply(new MailboxEvent.FileRetrieved(retrieved.party(), retrieved.fileId(),
                Instant.ofEpochMilli(retrieved.at().toEpochMilli()), retrieved.by())); // as read back from the log
        assertEquals(first, store.ack("P", a.id(), "operator").orElseThrow());
    }

    @Test
    void ackIsIdempotentAndEventsRebuildTheStore() throws IOException {
        List<MailboxEvent> events = new ArrayList<>();
        FilesystemContentStore content = new FilesystemContentStore(Files.createTempDirectory("mbx"));
        InMemoryMailboxStore store = new InMemoryMailboxStore(content, events::add, Clock.systemUTC());
        MailboxFile a = store.post("P", "a", DocumentKind.EDI_867, "a".getBytes(StandardCharsets.UTF_8));
        MailboxFile b = store.post("P", "b", DocumentKind.SUMMARY, "b".getBytes(StandardCharsets.UTF_8));
        MailboxFile first = store.ack("P", a.id(), "P").orElseThrow();
        MailboxFile second = store.ack("P", a.id(), "operator").orElseThrow();
        assertEquals(first, second);
        assertEquals("P", second.retrievedBy());
        assertEquals(3, events.size(), "post, post, one retrieval");
        assertEquals(List.of(b.id()), store.list("P", StatusFilter.NEW, null, 10, null).items().stream().map(MailboxFile::id).toList());
        assertEquals(List.of(a.id()), store.list("P", StatusFilter.RETRIEVED, null, 10, null).items().stream().map(MailboxFile::id).toList());
        assertEquals(b.id(), store.latest("P", DocumentKind.SUMMARY).orElseThrow().id());

        InMemoryMailboxStore rebuilt = new InMemoryMailboxStore(content, MailboxEventSink.NONE, Clock.systemUTC());
        events.forEach(rebuilt::apply);
        events.forEach(rebuilt::apply); // at-least-once delivery
        assertEquals(store.list("P", StatusFilter.ALL, null, 10, null), rebuilt.list("P", StatusFilter.ALL, null, 10, null));
        assertEquals("b", new String(content.read(b.sha256()).orElseThrow(), StandardCharsets.UTF_8));
    }

    @Test
    void invalidCursorsAreRefused() throws IOException {
        InMemoryMailboxStore store = new InMemoryMailboxStore(new FilesystemContentStore(Files.createTempDirectory("mbx")),
                MailboxEventSink.NONE, Clock.systemUTC());
        assertThrows(InvalidCursorException.class, () -> store.list("P", StatusFilter.ALL, null, 10, "!!!"));
        assertThrows(InvalidCursorException.class, () -> store.list("P", StatusFilter.ALL, null, 10, "MTp4Onk6eg"));
    }

    @Test
    void contentStoreOnlyAcceptsHexNames() throws IOException {
        FilesystemContentStore content = new FilesystemContentStore(Files.createTempDirectory("mbx"));
        assertTrue(content.open("../../etc/passwd").isEmpty());
        assertFalse(content.contains("../../etc/passwd"));
        assertTrue(content.open("A".repeat(64)).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> content.putZstdFrames(new byte[4], "../../etc/passwd"));
        String sha = content.put("hello".getBytes(StandardCharsets.UTF_8));
        assertEquals("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824", sha);
        assertEquals(sha, content.put("hello".getBytes(StandardCharsets.UTF_8)));
        assertTrue(content.contains(sha));
    }

}
