package energy.mdma.party.auth;

/** How a request authenticated. */
public enum AuthMethod {
    /** HTTP Basic: user name and password. */
    PASSWORD,
    /** A TLS client certificate whose SHA-256 fingerprint is registered for the party. */
    CERTIFICATE
}
