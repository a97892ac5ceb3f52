package energy.mdma.edi.store;

/** A value of {@code edi-control-numbers}: a counter (or the restore mark, 1), kept as its decimal digits. */
public record Counter(long value) {
    /** The value of the restore mark. */
    public static final Counter MARK = new Counter(1);
}
