package energy.mdma.party.model;

import java.time.Instant;
import java.util.Objects;

/**
 * The stored credential of one principal (a party id or an operator name). Holds only a salted slow hash
 * (bcrypt, "$2a$/$2b$/$2y$..." modular crypt format), never a password. Immutable: every change is a new
 * record with a higher {@code version}, carried by a {@link CredentialEvent}.
 *
 * @param principal           the user name
 * @param passwordHash        bcrypt hash in modular crypt format
 * @param passwordSetAt       when the password was set (start of its validity)
 * @param consecutiveFailures failed logins in a row since the last success, password change or lockout
 * @param lockedUntil         end of the current lockout, or null
 * @param version             increases with every change of this principal's record; used to ignore stale events
 */
public record CredentialRecord(String principal, String passwordHash, Instant passwordSetAt,
                               int consecutiveFailures, Instant lockedUntil, long version) {

    public CredentialRecord {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(passwordSetAt, "passwordSetAt");
        if (consecutiveFailures < 0) {
            throw new IllegalArgumentException("consecutiveFailures < 0");
        }
    }

    public boolean lockedAt(Instant now) {
        return lockedUntil != null && now.isBefore(lockedUntil);
    }

    public CredentialRecord withFailures(int failures, Instant lockedUntil) {
        return new CredentialRecord(principal, passwordHash, passwordSetAt, failures, lockedUntil, version + 1);
    }

    /** Never prints the hash. */
    @Override
    public String toString() {
        return "CredentialRecord[principal=" + principal + ", passwordSetAt=" + passwordSetAt
                + ", consecutiveFailures=" + consecutiveFailures + ", lockedUntil=" + lockedUntil
                + ", version=" + version + "]";
    }
}
