package energy.mdma.delivery.mailbox;

/** What a mailbox file is. */
public enum DocumentKind {
    /** An X12 867 interchange ({mdma}_867_{party}_{ts}_{isa13}.x12). */
    EDI_867("application/edi-x12"),
    /** A summary report CSV ({mdma}_SUMMARY_{party}_{ts}.csv). */
    SUMMARY("text/csv; charset=utf-8");

    private final String mediaType;

    DocumentKind(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }
}
