package energy.mdma.delivery.push;

import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Push endpoints from configuration: {@code mdma.push.<party>.url} (https only), {@code .username},
 * {@code .password} - system properties, env ({@code MDMA_PUSH_<PARTY>_URL}, ...) or a config file.
 */
public class ConfigTargets implements PushService.Targets {

    private static final Logger LOG = Logger.getLogger(ConfigTargets.class);

    private final Config config;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    public ConfigTargets(Config config) {
        this.config = config;
    }

    @Override
    public Optional<PushService.Target> forParty(String party) {
        Optional<String> url = value(party, "url");
        if (url.isEmpty()) {
            return Optional.empty();
        }
        if (!url.get().toLowerCase(Locale.ROOT).startsWith("https://")) {
            if (warned.add(party)) {
                LOG.warnf("the push endpoint of %s is not an https:// URL: not used", party);
            }
            return Optional.empty();
        }
        return Optional.of(new PushService.Target(url.get(), value(party, "username").orElse(null),
                value(party, "password").orElse(null)));
    }

    private Optional<String> value(String party, String key) {
        Optional<String> v = config.getOptionalValue("mdma.push." + party + "." + key, String.class);
        if (v.isEmpty()) {
            // env variables: MDMA_PUSH_<PARTY>_URL with the party id upper-cased, other characters as _
            String env = ("MDMA_PUSH_" + party + "_" + key).toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
            v = config.getOptionalValue(env, String.class);
        }
        return v.filter(s -> !s.isBlank()).map(String::trim);
    }
}
