package energy.mdma.delivery.app;

import energy.mdma.delivery.notice.NoticeStore;
import energy.mdma.delivery.outage.OutageConfig;
import energy.mdma.delivery.outage.OutageRules;
import energy.mdma.delivery.outage.OutageService;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/** Wiring of the outage notices: the rules, the readiness probe of the watched services, the tick. */
@Singleton
public class OutageBeans {

    @Produces
    @Singleton
    OutageService outageService(NoticeStore notices, Clock clock, OutageConfig config) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(config.probeTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        return new OutageService(notices, clock, OutageRules.of(config), config.reminderBefore(), config.noticeAfter(),
                config.closeAfter(), parseWatch(config.watch().orElse("")), url -> {
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(config.probeTimeout())
                        .GET().build(), HttpResponse.BodyHandlers.discarding());
                return r.statusCode() == 200;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return true; // shutting down: not an outage
            } catch (Exception e) {
                return false;
            }
        });
    }

    @Produces
    @Singleton
    MailBeans.Ticker outageTicker(OutageService outages) {
        return outages::tick;
    }

    /** {@code name=url,name=url}. */
    static Map<String, String> parseWatch(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            if (eq <= 0 || !p.substring(eq + 1).matches("https?://\\S+")) {
                throw new IllegalStateException("mdma.outage.watch (MDMA_OUTAGE_WATCH): '" + p + "' is not name=http(s)://host:port/path "
                        + "(e.g. ingest=http://localhost:9002/q/health/ready).");
            }
            out.put(p.substring(0, eq).strip(), p.substring(eq + 1).strip());
        }
        return out;
    }
}
