package energy.mdma.edi.model;

import java.util.Objects;

/**
 * One ST..SE transaction set of an interchange.
 *
 * @param controlNumber ST02/SE02, 1..999999999, written with at least 4 digits
 * @param report        its content
 */
public record TransactionSet(long controlNumber, AccountPeriodReport report) {
    public TransactionSet {
        Objects.requireNonNull(report, "report");
        if (controlNumber < 1 || controlNumber > 999_999_999L) {
            throw new IllegalArgumentException("transaction set control number out of range: " + controlNumber);
        }
    }

    /** ST02 as written. */
    public String st02() {
        return String.format("%04d", controlNumber);
    }
}
