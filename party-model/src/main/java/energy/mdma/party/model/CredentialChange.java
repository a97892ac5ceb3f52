package energy.mdma.party.model;

/**
 * Why a credential record changed ({@link #PASSWORD_SET}, {@link #REMOVED}), or what a login did to the lockout
 * state ({@link #LOGIN_FAILED}, {@link #LOCKED_OUT}, {@link #FAILURES_RESET}: {@link LockoutEvent}s, never the
 * credential record).
 */
public enum CredentialChange {
    PASSWORD_SET,
    LOGIN_FAILED,
    LOCKED_OUT,
    FAILURES_RESET,
    REMOVED
}
