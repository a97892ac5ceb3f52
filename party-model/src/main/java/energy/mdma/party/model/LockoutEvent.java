package energy.mdma.party.model;

import java.time.Instant;
import java.util.Objects;

/**
 * The lockout state of one principal after a login: failed logins in a row and the end of an active lock. Separate
 * from the {@link CredentialRecord} (whose version only the credential's owner raises) and bound to the version of
 * the credential it counted against: once that credential is replaced (a password reset), the state is void.
 *
 * <p>On mdma.credentials it is keyed {@code {principal}/lockout} ({@link energy.mdma.party.kafka.PartyAvro#lockoutKey}),
 * so it never replaces the principal's password record; every login service writes it and reads the others'.
 *
 * @param principal         the user name
 * @param credentialVersion the version of the credential the failures were counted against
 * @param failures          failed logins in a row since the last success, lockout or password change
 * @param lockedUntil       end of the active lockout, or null
 * @param change            LOGIN_FAILED, LOCKED_OUT or FAILURES_RESET
 * @param at                when
 * @param writer            which service instance wrote it (its own events are not applied twice)
 */
public record LockoutEvent(String principal, long credentialVersion, int failures, Instant lockedUntil,
                           CredentialChange change, Instant at, String writer) {

    public LockoutEvent {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(at, "at");
        if (failures < 0) {
            throw new IllegalArgumentException("failures < 0");
        }
        if (change != CredentialChange.LOGIN_FAILED && change != CredentialChange.LOCKED_OUT
                && change != CredentialChange.FAILURES_RESET) {
            throw new IllegalArgumentException("a lockout event is LOGIN_FAILED, LOCKED_OUT or FAILURES_RESET");
        }
    }
}
