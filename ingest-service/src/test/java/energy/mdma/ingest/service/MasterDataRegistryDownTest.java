package energy.mdma.ingest.service;

import energy.mdma.events.PartyEvent;
import energy.mdma.events.PartyRole;
import energy.mdma.events.kafka.Topics;
import energy.mdma.ingest.kafka.MasterDataStore;
import energy.mdma.ingest.model.MarketRole;
import energy.mdma.kafka.EventDeserializer;
import energy.mdma.party.model.PartyDirectoryView;
import energy.mdma.testsupport.Poll;
import energy.mdma.testsupport.TcpSwitch;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fail closed at start (issue 14): ingest's master data, loaded while the schema registry is unreachable, skips
 * nothing: the store stays not ready and says which record it cannot read and why; once the registry is back it
 * becomes ready with every record applied. The registry is taken away from this store only ({@link TcpSwitch}).
 */
class MasterDataRegistryDownTest {

    @Test
    void staysNotReadyWhileTheRegistryIsAwayAndRecoversCompletely() throws Exception {
        String prefix = "MDDOWN" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        int count = 4;
        for (int i = 0; i < count; i++) {
            String id = prefix + i;
            TestKafka.send(Topics.PARTIES, id, new PartyEvent(id, PartyRole.ESP, id + " (test)", null, "test",
                    Instant.now(), null));
        }
        Properties props = TestKafka.platform().kafkaClientProperties("ingest");
        try (TcpSwitch registry = new TcpSwitch("localhost", TestKafka.platform().registryPort(), false);
             MasterDataStore store = new MasterDataStore(props,
                     new EventDeserializer("http://localhost:" + registry.port() + "/apis/registry/v2"),
                     new PartyDirectoryView()).start()) {
            Poll.until("the store reports the record it cannot read", Duration.ofSeconds(60),
                    () -> store.unreadable() != null);
            String unreadable = store.unreadable();
            assertNotNull(unreadable, "the store must report the record it cannot read");
            assertTrue(unreadable.matches("mdma\\.[a-z.]+ partition \\d+ offset \\d+: .+"), unreadable);
            assertFalse(store.ready(), "not ready while a record cannot be read");
            assertFalse(store.awaitReady(Duration.ofSeconds(2)) && store.ready(), "still not ready: nothing skipped");
            assertTrue(store.alive());

            registry.on();
            Poll.until("ready once the registry is back", Duration.ofSeconds(60), store::ready);
            assertNull(store.unreadable());
            for (int i = 0; i < count; i++) {
                assertEquals(MarketRole.ESP, store.partyRole(prefix + i).orElse(null),
                        "party " + prefix + i + " is in the view");
            }
        }
    }
}
