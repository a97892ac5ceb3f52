package energy.mdma.party.auth;

import energy.mdma.party.model.Party;
import energy.mdma.party.model.Role;

import java.security.SecureRandom;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Creates the first operator ({@value #OPERATOR_ID}) when it has no credential yet: its password comes from
 * the environment variable {@value #ENV_PASSWORD}, or is generated and handed once to {@code showOnce} (delivery
 * writes it to an owner-only file; never to a log). It is handed over before it is set: when the hand-over fails,
 * nothing is set. Does nothing when the operator already has a credential.
 */
public final class OperatorBootstrap {

    public static final String OPERATOR_ID = "operator";
    public static final String ENV_PASSWORD = "MDMA_OPERATOR_PASSWORD";
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    public enum Result { ALREADY_SET, FROM_ENVIRONMENT, GENERATED }

    private OperatorBootstrap() {
    }

    /**
     * @param envPassword the value of {@value #ENV_PASSWORD}, or null/blank when unset
     * @param showOnce    receives the generated password (only when one is generated)
     * @throws PasswordPolicyException when the environment's password breaks the policy (message names the
     *                                 variable, never the value)
     */
    public static Result ensureOperator(PartyRegistry registry, String envPassword, Consumer<String> showOnce) {
        Objects.requireNonNull(showOnce);
        if (registry.directory().party(OPERATOR_ID).isEmpty()) {
            registry.upsertParty(new Party(OPERATOR_ID, Role.OPERATOR, "MDMA operator", null), "bootstrap");
        }
        if (registry.directory().credential(OPERATOR_ID).isPresent()) {
            return Result.ALREADY_SET;
        }
        if (envPassword != null && !envPassword.isBlank()) {
            try {
                registry.setPassword(OPERATOR_ID, envPassword.toCharArray(), "bootstrap");
            } catch (PasswordPolicyException e) {
                throw new PasswordPolicyException(ENV_PASSWORD + " is refused: " + e.getMessage());
            }
            return Result.FROM_ENVIRONMENT;
        }
        String generated = generate(20);
        showOnce.accept(generated);
        registry.setPassword(OPERATOR_ID, generated.toCharArray(), "bootstrap");
        return Result.GENERATED;
    }

    static String generate(int length) {
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
