package energy.mdma.edi.store;

/** The value of {@code edi-dirty-account-periods}: the account-period is to be decided at the next posting round. */
public enum DirtyMark {
    DIRTY
}
