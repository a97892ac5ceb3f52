package energy.mdma.party.auth;

/** A password refused by the {@link PasswordPolicy}; the message says why and never contains the password. */
public class PasswordPolicyException extends RuntimeException {
    public PasswordPolicyException(String message) {
        super(message, null, false, false);
    }
}
