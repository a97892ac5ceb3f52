package energy.mdma.delivery.push;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import energy.mdma.party.model.Party;
import org.eclipse.microprofile.config.Config;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The parties' push endpoints, configured by EXACT party id in one JSON file ({@code mdma.mft.targets-file}, env
 * {@code MDMA_MFT_TARGETS_FILE}; in a cluster a mounted Secret):
 * <pre>
 * {
 *   "SCE":   {"url": "https://mft.sce.example/inbound", "username": "mdma", "passwordFile": "/run/secrets/sce"},
 *   "ESP-1": {"url": "https://mft.esp1.example/in", "username": "mdma", "password": "..."}
 * }
 * </pre>
 * Checked when the service starts, and refused with a message that says what is wrong: a key that is not a party id
 * or appears twice, a URL that is not https, an unknown field, a password both inline and in a file, an unreadable
 * password file, and any setting of the former scheme ({@code mdma.push.<party>.*}, env {@code MDMA_PUSH_*}), whose
 * names were derived from party ids and collide ({@code ESP-1} and {@code ESP_1} both became
 * {@code MDMA_PUSH_ESP_1_*}: one ESP's files could have gone to another's server). Nothing secret is in a message.
 */
public class ConfigTargets implements PushService.Targets {

    static final String FILE_PROPERTY = "mdma.mft.targets-file";
    private static final Set<String> FIELDS = Set.of("url", "username", "password", "passwordFile");

    private final Map<String, PushService.Target> targets;

    /** Reads and checks the configured file; throws {@link IllegalStateException} (the start fails) when refused. */
    public ConfigTargets(Config config) {
        refuseDerivedNames(config);
        Optional<String> file = config.getOptionalValue(FILE_PROPERTY, String.class).filter(s -> !s.isBlank());
        this.targets = file.isEmpty() ? Map.of() : read(Path.of(file.get().trim()));
    }

    @Override
    public Optional<PushService.Target> forParty(String party) {
        return Optional.ofNullable(targets.get(party));
    }

    /** The parties that have an endpoint (sorted). */
    public Set<String> parties() {
        return targets.keySet();
    }

    private static void refuseDerivedNames(Config config) {
        List<String> found = new ArrayList<>();
        for (String name : config.getPropertyNames()) {
            String upper = name.toUpperCase(Locale.ROOT);
            if (name.startsWith("mdma.push.") || upper.startsWith("MDMA_PUSH_")) {
                found.add(name);
            }
        }
        if (!found.isEmpty()) {
            found.sort(null);
            throw new IllegalStateException("Push endpoints are no longer taken from names derived from party ids ("
                    + String.join(", ", found.subList(0, Math.min(5, found.size())))
                    + (found.size() > 5 ? ", ..." : "") + "): such names collide (ESP-1 and ESP_1 both become "
                    + "MDMA_PUSH_ESP_1_*), so one party's files could be pushed to another's server. List the endpoints "
                    + "by exact party id in a JSON file named by " + FILE_PROPERTY + " (env MDMA_MFT_TARGETS_FILE), e.g. "
                    + "{\"ESP-1\": {\"url\": \"https://...\", \"username\": \"...\", \"passwordFile\": \"/run/secrets/esp-1\"}}, "
                    + "and remove these settings.");
        }
    }

    static Map<String, PushService.Target> read(Path file) {
        JsonNode root;
        try {
            ObjectMapper json = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
            root = json.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            // Jackson's message names the duplicate key or the position; it never holds more than a key or a token
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().split("\n")[0];
            throw refused(file, "it cannot be read as JSON (" + why + ")");
        }
        if (root == null || !root.isObject()) {
            throw refused(file, "it must be a JSON object keyed by party id");
        }
        Map<String, PushService.Target> out = new TreeMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = root.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String party = e.getKey();
            if (!Party.isValidId(party)) {
                throw refused(file, "'" + party.replaceAll("[^\\x20-\\x7e]", "?") + "' is not a party id "
                        + "(1-64 characters of A-Z a-z 0-9 . _ -)");
            }
            out.put(party, target(file, party, e.getValue()));
        }
        return Map.copyOf(out);
    }

    private static PushService.Target target(Path file, String party, JsonNode node) {
        if (node == null || !node.isObject()) {
            throw refused(file, "the entry of " + party + " must be an object with url, username and password or passwordFile");
        }
        node.fieldNames().forEachRemaining(f -> {
            if (!FIELDS.contains(f)) {
                throw refused(file, "the entry of " + party + " has an unknown field '" + f.replaceAll("[^\\x20-\\x7e]", "?")
                        + "' (known: url, username, password, passwordFile)");
            }
        });
        String url = text(node, "url");
        if (url == null || !url.toLowerCase(Locale.ROOT).startsWith("https://")) {
            throw refused(file, "the url of " + party + " must be an https:// URL");
        }
        try {
            URI.create(url);
        } catch (IllegalArgumentException ex) {
            throw refused(file, "the url of " + party + " is not a URL");
        }
        String password = text(node, "password");
        String passwordFile = text(node, "passwordFile");
        if (password != null && passwordFile != null) {
            throw refused(file, "the entry of " + party + " has both password and passwordFile: give one");
        }
        if (passwordFile != null) {
            try {
                password = Files.readString(Path.of(passwordFile), StandardCharsets.UTF_8).strip();
            } catch (IOException | RuntimeException ex) {
                throw refused(file, "the passwordFile of " + party + " cannot be read (" + ex.getClass().getSimpleName() + ")");
            }
        }
        return new PushService.Target(url, text(node, "username"), password);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText().trim();
    }

    private static IllegalStateException refused(Path file, String why) {
        return new IllegalStateException("The push endpoints file " + file + " (" + FILE_PROPERTY + ") is refused: "
                + why + ".");
    }
}
