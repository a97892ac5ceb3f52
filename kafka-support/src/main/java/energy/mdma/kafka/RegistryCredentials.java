package energy.mdma.kafka;

import io.apicurio.registry.resolver.config.SchemaResolverConfig;

import java.util.Map;
import java.util.function.Function;

/**
 * The schema registry's writer account, which the serdes need to register a schema (AUTO_REGISTER_ARTIFACT); reading
 * needs none. Without credentials a serde still reads every registered schema and fails only when it would have
 * to register a new one (the registry answers 401): fail closed, never an open registry.
 *
 * <p>{@link #fromEnvironment()} is where every service, the bench and the tests get them: the system properties
 * {@value #USERNAME_PROPERTY} / {@value #PASSWORD_PROPERTY} (the test platform sets them), else the environment
 * variables {@value #USERNAME_ENV} / {@value #PASSWORD_ENV} (./mdma up from $MDMA_HOME/security/registry.password; in
 * the cluster from the Secret mdma-registry-writer). The user name defaults to {@value #DEFAULT_USERNAME}.
 */
public record RegistryCredentials(String username, String password) {

    public static final String USERNAME_PROPERTY = "mdma.registry.username";
    public static final String PASSWORD_PROPERTY = "mdma.registry.password";
    public static final String USERNAME_ENV = "MDMA_REGISTRY_USERNAME";
    public static final String PASSWORD_ENV = "MDMA_REGISTRY_PASSWORD";
    /** The registry's writer account (platform/registry application.properties). */
    public static final String DEFAULT_USERNAME = "schema-writer";

    /** No credentials: reads only. */
    public static final RegistryCredentials NONE = new RegistryCredentials(null, null);

    public RegistryCredentials {
        if (password != null && password.isBlank()) {
            password = null;
        }
        if (password == null) {
            username = null;
        } else if (username == null || username.isBlank()) {
            username = DEFAULT_USERNAME;
        }
    }

    /** From the system properties, else the environment; {@link #NONE} when neither has a password. */
    public static RegistryCredentials fromEnvironment() {
        return from(System::getProperty, System::getenv);
    }

    static RegistryCredentials from(Function<String, String> properties, Function<String, String> environment) {
        String password = properties.apply(PASSWORD_PROPERTY);
        String username = properties.apply(USERNAME_PROPERTY);
        if (password == null || password.isBlank()) {
            password = environment.apply(PASSWORD_ENV);
            username = environment.apply(USERNAME_ENV);
        }
        return new RegistryCredentials(username, password);
    }

    public boolean present() {
        return password != null;
    }

    /** Puts the Apicurio client's basic-auth settings into a serde configuration (nothing when {@link #NONE}). */
    void applyTo(Map<String, Object> serdeConfig) {
        if (present()) {
            serdeConfig.put(SchemaResolverConfig.AUTH_USERNAME, username);
            serdeConfig.put(SchemaResolverConfig.AUTH_PASSWORD, password);
        }
    }

    /** Never the password: records end up in logs and error messages. */
    @Override
    public String toString() {
        return present() ? "RegistryCredentials[" + username + ", password set]" : "RegistryCredentials[none]";
    }
}
