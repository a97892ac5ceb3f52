package energy.mdma.party.auth;

import java.util.Optional;

/**
 * What a password must be: at least {@code minLength} characters (12 by default, delivery.md), at most 72 bytes
 * in UTF-8 (bcrypt's limit: longer ones would be silently truncated), no control characters, and not the user
 * name itself.
 */
public record PasswordPolicy(int minLength) {

    public static final int DEFAULT_MIN_LENGTH = 12;
    public static final int MAX_BYTES = 72;

    public static PasswordPolicy defaults() {
        return new PasswordPolicy(DEFAULT_MIN_LENGTH);
    }

    public PasswordPolicy {
        if (minLength < 1) {
            throw new IllegalArgumentException("minLength < 1");
        }
    }

    /** Why the password is refused (a sentence a person can act on, without the password), or empty when fine. */
    public Optional<String> violation(String principal, char[] password) {
        if (password == null || password.length == 0) {
            return Optional.of("The password is missing: send JSON {\"password\": \"...\"} with at least " + minLength + " characters.");
        }
        int codePoints = String.valueOf(password).codePointCount(0, password.length);
        if (codePoints < minLength) {
            return Optional.of("The password has " + codePoints + " characters; it needs at least " + minLength + ".");
        }
        byte[] bytes = BcryptPasswordHasher.utf8(password);
        int n = bytes.length;
        java.util.Arrays.fill(bytes, (byte) 0);
        if (n > MAX_BYTES) {
            return Optional.of("The password is " + n + " bytes long in UTF-8; at most " + MAX_BYTES + " are allowed.");
        }
        for (char c : password) {
            if (Character.isISOControl(c)) {
                return Optional.of("The password contains a control character (tab, line feed, ...); use printable characters only.");
            }
        }
        if (principal != null && String.valueOf(password).equalsIgnoreCase(principal)) {
            return Optional.of("The password must not be the user name.");
        }
        return Optional.empty();
    }
}
