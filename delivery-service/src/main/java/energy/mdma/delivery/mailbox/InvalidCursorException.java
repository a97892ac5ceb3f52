package energy.mdma.delivery.mailbox;

/** A cursor that was not produced by this server (or was altered). */
public class InvalidCursorException extends IllegalArgumentException {
    public InvalidCursorException() {
        super("The cursor is not valid: pass the nextCursor value of the previous page unchanged, or omit it to start over.");
    }
}
