package energy.mdma.ingest.parse;

/** A row cannot be accepted; the message is the reason shown to the sender. Cheap: no stack trace. */
final class RowReject extends Exception {
    private static final long serialVersionUID = 1L;

    RowReject(String reason) {
        super(reason, null, false, false);
    }
}
