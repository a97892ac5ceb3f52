package energy.mdma.party.auth;

/** Result of one login attempt. */
public enum AuthOutcome {
    /** Password right, not locked, not expired. */
    OK,
    /** No such principal, or it has no credential (or: a client certificate registered for no party). */
    UNKNOWN,
    /** Wrong password (counts towards the lockout). */
    BAD_PASSWORD,
    /** Locked out after too many failures; the password was not checked. */
    LOCKED,
    /** Password right but expired (only when expiry is enforced). */
    EXPIRED,
    /**
     * Refused without a decision: a failed login of the principal could not be recorded (fail closed), or its earlier
     * attempts took too long. The password was not checked, or was wrong; retry later.
     */
    UNAVAILABLE
}
