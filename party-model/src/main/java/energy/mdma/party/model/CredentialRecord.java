package energy.mdma.party.model;

import java.time.Instant;
import java.util.Objects;

/**
 * The stored credential of one principal (a party id or an operator name). Holds only a salted slow hash
 * (bcrypt, "$2a$/$2b$/$2y$..." modular crypt format), never a password. Immutable: every change is a new
 * record with a higher {@code version}, carried by a {@link CredentialUpdate}.
 *
 * <p>The record has ONE authority: the service that owns it (delivery-service, where passwords are set) is the only
 * one that writes it and raises its version. Failed logins are not part of it: they are counted by
 * {@link energy.mdma.party.auth.LoginLockout}, bound to the record's version, so a password set by the owner always
 * replaces the one a login service checks and always ends a lockout.
 *
 * @param principal     the user name
 * @param passwordHash  bcrypt hash in modular crypt format
 * @param passwordSetAt when the password was set (start of its validity)
 * @param version       increases with every change of this principal's record; used to ignore stale events
 */
public record CredentialRecord(String principal, String passwordHash, Instant passwordSetAt, long version) {

    public CredentialRecord {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(passwordSetAt, "passwordSetAt");
    }

    /** Never prints the hash. */
    @Override
    public String toString() {
        return "CredentialRecord[principal=" + principal + ", passwordSetAt=" + passwordSetAt + ", version=" + version
                + "]";
    }
}
