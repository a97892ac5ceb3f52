package energy.mdma.platform.registry;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import javax.enterprise.context.ApplicationScoped;
import javax.enterprise.event.Observes;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Quarkus 2.16's Basic mechanism answers a header {@code Authorization: Basic <not base64>} with 500 (and an ERROR line
 * per request, an easy way to flood the log). This filter, ahead of Quarkus's security, answers such a request with
 * the 401 any other unusable credentials get; well-formed headers and requests without one pass untouched.
 */
@ApplicationScoped
public class MalformedBasicCredentials {

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(MalformedBasicCredentials::check);
    }

    static void check(RoutingContext context) {
        String header = context.request().getHeader("Authorization");
        if (header == null || wellFormed(header)) {
            context.next();
            return;
        }
        context.response().setStatusCode(401).putHeader("WWW-Authenticate", "Basic realm=\"Quarkus\"")
                .putHeader("Content-Length", "0").end();
    }

    /** Not Basic (another scheme is not ours to judge), or Basic with base64 of UTF-8 text. */
    static boolean wellFormed(String header) {
        String h = header.trim();
        if (h.length() < 5 || !h.regionMatches(true, 0, "Basic", 0, 5)) {
            return true;
        }
        String value = h.substring(5).trim();
        try {
            new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
