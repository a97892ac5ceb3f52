package energy.mdma.edi.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One 867 interchange: ISA, one GS*PT group holding the transaction sets, GE, IEA. A correction file
 * holds the cancellation of the old report and the new original.
 */
public record Interchange867(InterchangeHeader header, List<TransactionSet> transactionSets) {
    public Interchange867 {
        Objects.requireNonNull(header, "header");
        transactionSets = List.copyOf(transactionSets);
        if (transactionSets.isEmpty()) {
            throw new IllegalArgumentException("an interchange needs at least one transaction set");
        }
    }

    /** Numbers the reports' transaction sets consecutively from {@code firstControlNumber}. */
    public static Interchange867 of(InterchangeHeader header, long firstControlNumber, List<AccountPeriodReport> reports) {
        List<TransactionSet> sets = new ArrayList<>(reports.size());
        long n = firstControlNumber;
        for (AccountPeriodReport r : reports) {
            sets.add(new TransactionSet(n++, r));
        }
        return new Interchange867(header, sets);
    }

    public List<AccountPeriodReport> reports() {
        return transactionSets.stream().map(TransactionSet::report).toList();
    }
}
