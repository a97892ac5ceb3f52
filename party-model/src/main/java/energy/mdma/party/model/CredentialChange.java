package energy.mdma.party.model;

/** Why a credential record changed. Lets a sink decide what to publish (e.g. skip LOGIN_FAILED). */
public enum CredentialChange {
    PASSWORD_SET,
    LOGIN_FAILED,
    LOCKED_OUT,
    FAILURES_RESET,
    REMOVED
}
