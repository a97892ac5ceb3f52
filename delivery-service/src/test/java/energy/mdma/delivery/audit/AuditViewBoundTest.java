package energy.mdma.delivery.audit;

import energy.mdma.delivery.archive.ControlNumbers;
import energy.mdma.delivery.kafka.KafkaAuditLog;
import energy.mdma.delivery.store.ViewStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The audit view (in the views' store) is bounded, whatever the events hold: replaying a log full of events with
 * 4,000-character fields (written by an attacker before the caps existed, or by another service) must neither fill
 * the heap nor keep the start from finishing, and the events kept are capped.
 */
class AuditViewBoundTest {

    @TempDir
    Path dir;

    static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static energy.mdma.events.AuditEvent huge(int i) {
        String big = "p".repeat(4000);
        return energy.mdma.events.AuditEvent.newBuilder().setEventId("evt-" + i + "-" + big.substring(0, 100))
                .setAt(Instant.parse("2026-03-01T00:00:00Z").plusSeconds(i)).setActor("A" + big + "\n" + i)
                .setAction("LOGIN").setTarget("/api/v1/" + big).setSourceAddress("10.0.0." + (i % 250) + big)
                .setOutcome("UNAUTHENTICATED").setDetail("MALFORMED_CREDENTIALS " + big).setParty(big).setRole(big)
                .build();
    }

    @Test
    void theReplayedViewIsBoundedAndKeepsTheNewestEventsCapped() {
        try (ViewStore store = ViewStore.open(dir.resolve("views"))) {
            long before = usedHeapAfterGc();
            KafkaAuditLog log = new KafkaAuditLog(null, store, new ControlNumbers(900_000_000L));
            int n = 60_000;
            for (int i = 0; i < n; i++) {
                if (i % 500 == 0) { // as the replay does: one batch per poll
                    store.begin();
                }
                log.apply(huge(i));
                if (i % 500 == 499) {
                    store.commit(Map.of());
                }
            }
            long grown = usedHeapAfterGc() - before;
            assertTrue(grown < 96L << 20, "the view holds " + (grown >> 20) + " MB of heap after " + n
                    + " events of ~24 KB each");
            assertNewestKeptCapped(log, n);
        }
    }

    private static void assertNewestKeptCapped(KafkaAuditLog log, int n) {
        List<AuditEntry> newest = log.query(new AuditQuery.Filter(null, null, null, null, null, 1));
        assertEquals(1, newest.size());
        AuditEntry e = newest.get(0);
        assertEquals(Instant.parse("2026-03-01T00:00:00Z").plusSeconds(n - 1), e.at(), "the newest event is kept");
        for (String field : new String[]{e.id(), e.actor(), e.resource(), e.source(), e.detail(), e.party(), e.role()}) {
            assertTrue(field.length() <= 300, "field of " + field.length() + " characters");
            assertTrue(field.chars().noneMatch(c -> c < 0x20 || c == 0x7f), "no control characters: " + field);
        }
        log.query(new AuditQuery.Filter(null, null, null, null, null, 10_000)).size();
    }
}
