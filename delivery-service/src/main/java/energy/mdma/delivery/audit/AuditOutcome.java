package energy.mdma.delivery.audit;

/** How it ended. */
public enum AuditOutcome {
    SUCCESS,
    /** Authentication failed (unknown user, wrong password, locked, expired). */
    UNAUTHENTICATED,
    /** Authenticated but not allowed (403) or rate limited (429). */
    DENIED,
    NOT_FOUND,
    INVALID,
    FAILURE
}
