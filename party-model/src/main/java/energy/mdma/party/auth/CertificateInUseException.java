package energy.mdma.party.auth;

/** A client certificate's fingerprint is already registered for another principal. */
public class CertificateInUseException extends RuntimeException {

    private final String holder;

    public CertificateInUseException(String holder) {
        super("the certificate is registered for another party");
        this.holder = holder;
    }

    /** The principal it is registered for (for operators' eyes only). */
    public String holder() {
        return holder;
    }
}
