package energy.mdma.edi.x12;

import java.util.List;

/**
 * An 867 document failed validation against the X12 004010 control schema or the 867 transaction
 * schema (or a value cannot be represented at all). Such a document must never be posted: callers turn
 * this into an exception event.
 */
public class Edi867ValidationException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient List<String> errors;

    public Edi867ValidationException(String context, List<String> errors) {
        super(context + ": " + errors.size() + " validation error(s): " + String.join("; ", errors));
        this.errors = List.copyOf(errors);
    }

    public Edi867ValidationException(String context, List<String> errors, Throwable cause) {
        super(context + ": " + errors.size() + " validation error(s): " + String.join("; ", errors), cause);
        this.errors = List.copyOf(errors);
    }

    /** For a single error that names its element itself: the message is that error. */
    protected Edi867ValidationException(String error) {
        super(error);
        this.errors = List.of(error);
    }

    /** One line per error: where (segment position, tag, element) and what. */
    public List<String> errors() {
        return errors;
    }
}
