package energy.mdma.party.auth;

/** Salted slow password hashing. Implementations never keep or log the password. */
public interface PasswordHasher {

    /** A new salted hash of the password (modular crypt format). */
    String hash(char[] password);

    /** Whether the password matches the hash; false (not an exception) for a malformed hash. */
    boolean verify(char[] password, String hash);
}
