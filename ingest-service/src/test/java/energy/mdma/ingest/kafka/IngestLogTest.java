package energy.mdma.ingest.kafka;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;

import energy.mdma.events.AuditEvent;
import org.junit.jupiter.api.Test;

/**
 * Issue 13 hole 8 (audit writes not awaited): during a broker outage the durable audit of a raw-file download
 * ({@code FilesResource.content} calls it before the bytes leave) fails with {@link IngestLog.AuditUnavailableException},
 * which the API answers with 503, instead of the action going ahead with its audit lost. The fire-and-forget audit of
 * a refused login does not fail the request.
 */
class IngestLogTest {

    @Test
    void aDurableAuditThatTheLogCannotTakeThrowsInsteadOfBeingLost() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort(); // closed again: nothing listens there, as in a broker outage
        }
        Properties kafka = new Properties();
        kafka.put("bootstrap.servers", "127.0.0.1:" + port);
        try (IngestLog log = new IngestLog(kafka, (topic, value) -> new byte[0], Duration.ofMillis(300), Clock.systemUTC())) {
            AuditEvent download = log.event("OP", "OPERATOR", "DOWNLOAD", null, "file-1", "127.0.0.1", "SUCCESS", "raw file");
            IngestLog.AuditUnavailableException e = assertThrows(IngestLog.AuditUnavailableException.class,
                    () -> log.auditDurably(download));
            assertTrue(e.getMessage().contains("mdma.audit"), e.getMessage());
            log.audit(log.event("x", null, "LOGIN", null, null, "127.0.0.1", "UNAUTHENTICATED", "UNKNOWN"));
        }
    }
}
