package energy.mdma.party.auth;

import java.time.Instant;
import java.util.Optional;

/**
 * Outcome of {@link Authenticator#authenticate}.
 *
 * @param outcome      what happened
 * @param user         the user name that was tried (as given)
 * @param source       the source address given by the caller
 * @param principal    the party when the password was right (OK or EXPIRED), else null
 * @param expiresAt    when the password expires (expiry enforced), else null
 * @param expiryWarning true when expiry is enforced and within the warning window (OK outcome)
 * @param lockedUntil  end of the lockout (LOCKED, or the failure that caused it), else null
 * @param method       how the request authenticated (or tried to)
 */
public record AuthResult(AuthOutcome outcome, String user, String source, PartyPrincipal principal,
                         Instant expiresAt, boolean expiryWarning, Instant lockedUntil, AuthMethod method) {

    public AuthResult {
        method = method == null ? AuthMethod.PASSWORD : method;
    }

    /** A password (HTTP Basic) outcome. */
    public AuthResult(AuthOutcome outcome, String user, String source, PartyPrincipal principal,
                      Instant expiresAt, boolean expiryWarning, Instant lockedUntil) {
        this(outcome, user, source, principal, expiresAt, expiryWarning, lockedUntil, AuthMethod.PASSWORD);
    }

    public boolean ok() {
        return outcome == AuthOutcome.OK;
    }

    public Optional<PartyPrincipal> principalIfAny() {
        return Optional.ofNullable(principal);
    }
}
