package energy.mdma.delivery.store;

import energy.mdma.delivery.audit.AuditAction;
import energy.mdma.delivery.audit.AuditEntry;
import energy.mdma.delivery.audit.AuditOutcome;
import energy.mdma.delivery.audit.AuditQuery;
import energy.mdma.delivery.audit.StoredAuditLog;
import energy.mdma.delivery.mailbox.DocumentKind;
import energy.mdma.delivery.mailbox.FilesystemContentStore;
import energy.mdma.delivery.mailbox.InMemoryMailboxStore;
import energy.mdma.delivery.mailbox.MailboxEvent;
import energy.mdma.delivery.mailbox.MailboxEventSink;
import energy.mdma.delivery.mailbox.MailboxFile;
import energy.mdma.delivery.mailbox.MailboxPage;
import energy.mdma.delivery.mailbox.MailboxStore;
import energy.mdma.delivery.mailbox.StatusFilter;
import energy.mdma.delivery.mailbox.StoredMailboxStore;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The views' store without a broker: batches with offsets, mailboxes as the in-memory store answers, audit pages. */
class ViewStoreTest {

    @TempDir
    Path dir;

    @Test
    void aBatchIsWrittenWithItsOffsetsOrNotAtAll() {
        TopicPartition tp = new TopicPartition("t", 2);
        try (ViewStore db = ViewStore.open(dir.resolve("v"))) {
            db.begin();
            db.put(Keys.of(Keys.DOCUMENT, "a"), new byte[]{1});
            assertEquals(1, db.get(Keys.of(Keys.DOCUMENT, "a"))[0], "the batch's thread reads its own writes");
            db.commit(Map.of(tp, 10L));
            db.begin();
            db.put(Keys.of(Keys.DOCUMENT, "b"), new byte[]{2});
            db.abort();
            assertNull(db.get(Keys.of(Keys.DOCUMENT, "b")));
            db.begin();
            db.put(Keys.of(Keys.DOCUMENT, "c"), new byte[]{3});
            // closed in the middle of a batch: as a kill, the batch is lost, what was committed stays
        }
        try (ViewStore db = ViewStore.open(dir.resolve("v"))) {
            assertEquals(Map.of(tp, 10L), db.offsets());
            assertEquals(1, db.get(Keys.of(Keys.DOCUMENT, "a"))[0]);
            assertNull(db.get(Keys.of(Keys.DOCUMENT, "c")));
            db.clusterId("cluster-1");
            db.wipe();
            assertTrue(db.offsets().isEmpty());
            assertNull(db.get(Keys.of(Keys.DOCUMENT, "a")));
            assertNull(db.clusterId());
        }
    }

    @Test
    void mailboxesAnswerAsTheInMemoryStore() throws Exception {
        FilesystemContentStore content = new FilesystemContentStore(dir.resolve("files"));
        try (ViewStore db = ViewStore.open(dir.resolve("v"))) {
            MailboxStore stored = new StoredMailboxStore(db, content, MailboxEventSink.NONE, Clock.systemUTC());
            MailboxStore memory = new InMemoryMailboxStore(content, MailboxEventSink.NONE, Clock.systemUTC());
            Instant t = Instant.parse("2026-03-01T06:00:00Z");
            List<MailboxEvent> events = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                String party = i % 2 == 0 ? "UDC" : "ESP";
                MailboxFile f = new MailboxFile(String.format("f%03d", i), party, "n" + i, i % 10 == 9 ? DocumentKind.SUMMARY
                        : DocumentKind.EDI_867, 10 + i, "ab".repeat(32), t.plusSeconds(3600L * i), null, null);
                events.add(new MailboxEvent.FilePosted(f));
                if (i % 3 == 0) {
                    events.add(new MailboxEvent.FileRetrieved(party, f.id(), t.plusSeconds(3600L * i + 60), party));
                }
            }
            for (MailboxEvent e : events) {
                stored.apply(e);
                stored.apply(e); // applied again: nothing changes
                memory.apply(e);
            }
            for (String party : List.of("UDC", "ESP", "NOBODY")) {
                for (StatusFilter status : StatusFilter.values()) {
                    for (Instant since : new Instant[]{null, t.plusSeconds(3600L * 17)}) {
                        assertEquals(pages(memory, party, status, since), pages(stored, party, status, since),
                                party + " " + status + " since " + since);
                    }
                }
                for (DocumentKind kind : DocumentKind.values()) {
                    assertEquals(memory.latest(party, kind), stored.latest(party, kind));
                }
            }
            assertEquals(memory.get("UDC", "f004"), stored.get("UDC", "f004"));
            assertTrue(stored.get("ESP", "f004").isEmpty(), "another party's file is not found");
            assertTrue(stored.ack("UDC", "f004", "UDC").orElseThrow().isRetrieved());
            assertTrue(stored.list("UDC", StatusFilter.NEW, null, 100, null).items().stream()
                    .noneMatch(f -> f.id().equals("f004")));
            assertThrows(energy.mdma.delivery.mailbox.InvalidCursorException.class,
                    () -> stored.list("UDC", StatusFilter.ALL, null, 5, "not-a-cursor"));
        }
    }

    private static List<String> pages(MailboxStore store, String party, StatusFilter status, Instant since) {
        List<String> out = new ArrayList<>();
        String cursor = null;
        do {
            MailboxPage page = store.list(party, status, since, 4, cursor);
            page.items().forEach(f -> out.add(f.id() + "/" + f.isRetrieved() + "/" + f.retrievedBy()));
            cursor = page.nextCursor();
        } while (cursor != null);
        return out;
    }

    @Test
    void auditPagesNewestFirstWithCursors() {
        try (ViewStore db = ViewStore.open(dir.resolve("v"))) {
            StoredAuditLog audit = new StoredAuditLog(db);
            Instant t = Instant.parse("2026-03-01T00:00:00Z");
            for (int i = 0; i < 250; i++) {
                AuditEntry e = new AuditEntry("e" + i, t.plusSeconds(i), i % 2 == 0 ? "UDC" : "ESP", "ESP",
                        i % 5 == 0 ? AuditAction.ACK : AuditAction.LIST, i % 2 == 0 ? "UDC" : "ESP", "/r/" + i,
                        "10.0.0.1", AuditOutcome.SUCCESS, "d" + i);
                audit.record(e);
                audit.record(e); // read back from the log: still once
            }
            List<String> ids = new ArrayList<>();
            String cursor = null;
            int pages = 0;
            do {
                AuditQuery.Page page = audit.page(new AuditQuery.Filter("UDC", null, null, null, null, 30), cursor);
                assertTrue(page.items().size() <= 30);
                page.items().forEach(e -> ids.add(e.id()));
                cursor = page.nextCursor();
                pages++;
            } while (cursor != null);
            assertEquals(125, ids.size(), "every UDC event once");
            assertEquals("e248", ids.get(0), "newest first");
            assertEquals("e0", ids.get(ids.size() - 1));
            assertEquals(5, pages);
            AuditQuery.Page window = audit.page(new AuditQuery.Filter(null, null, AuditAction.ACK, t.plusSeconds(100),
                    t.plusSeconds(200), 1000), null);
            assertEquals(20, window.items().size(), "ACKs in [100, 200)");
            assertNull(window.nextCursor());
            AuditEntry first = audit.query(new AuditQuery.Filter(null, null, null, null, null, 1)).get(0);
            assertEquals("e249", first.id());
            assertEquals("d249", first.detail());
            assertThrows(IllegalArgumentException.class,
                    () -> audit.page(new AuditQuery.Filter(null, null, null, null, null, 10), "bogus"));
        }
    }
}
