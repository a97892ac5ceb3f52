package energy.mdma.kafka;

import java.util.Optional;

/**
 * The schema registry as a service is configured: the group {@code mdma.registry} of each service's settings
 * (a configuration mapping group; names in kebab case).
 */
public interface RegistryConfig {
    /** The schema registry's core API (Apicurio, ending in /apis/registry/v2). */
    String url();

    /**
     * The registry's writer account ({@code RegistryCredentials} in schemas reads it, with
     * {@code MDMA_REGISTRY_USERNAME}); declared here so that a process that sets it as a system property starts.
     */
    Optional<String> username();

    /** Its password ({@code MDMA_REGISTRY_PASSWORD}); never logged. */
    Optional<String> password();
}
