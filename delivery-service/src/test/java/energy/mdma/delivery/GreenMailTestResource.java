package energy.mdma.delivery;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real in-process SMTP server (GreenMail) with a login, for the e-mail tests, and a readiness endpoint whose
 * answer the test chooses (the service the outage watch asks).
 */
public class GreenMailTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String SMTP_USER = "mdma-smtp";
    public static final String SMTP_PASSWORD = "Smtp-test-secret-7";
    static volatile GreenMail smtp;
    static volatile HttpServer readiness;
    static final AtomicInteger READY_STATUS = new AtomicInteger(200);

    @Override
    public Map<String, String> start() {
        try {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            smtp.setUser(SMTP_USER + "@test.example", SMTP_USER, SMTP_PASSWORD);
            smtp.start();
            readiness = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            readiness.createContext("/q/health/ready", ex -> {
                ex.sendResponseHeaders(READY_STATUS.get(), -1);
                ex.close();
            });
            readiness.start();
            return Map.of(
                    "mdma.mail.transport", "smtp",
                    "quarkus.mailer.host", "127.0.0.1",
                    "quarkus.mailer.port", String.valueOf(port),
                    "quarkus.mailer.start-tls", "DISABLED",
                    "quarkus.mailer.username", SMTP_USER,
                    "quarkus.mailer.password", SMTP_PASSWORD,
                    "quarkus.mailer.from", "mdma@test.example",
                    "mdma.outage.watch", "edi=http://127.0.0.1:" + readiness.getAddress().getPort() + "/q/health/ready");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        if (smtp != null) {
            smtp.stop();
        }
        if (readiness != null) {
            readiness.stop(0);
        }
    }
}
