package energy.mdma.edi.keys;

/** A receiver's current original of an account-period in {@code edi-current-reports}: {@code receiver|account|periodEnd}. */
public record CurrentReportKey(String receiverId, AccountPeriodKey accountPeriod) {
    public CurrentReportKey {
        if (receiverId == null || receiverId.isEmpty() || receiverId.indexOf(AccountPeriodKey.SEP) >= 0) {
            throw new IllegalArgumentException("a receiver id for a state key must be non-empty and without '|', is '"
                    + receiverId + "'");
        }
    }

    public String format() {
        return receiverId + AccountPeriodKey.SEP + accountPeriod.format();
    }

    public static CurrentReportKey parse(String key) {
        int bar = key.indexOf(AccountPeriodKey.SEP);
        if (bar <= 0) {
            throw new IllegalArgumentException("not a current report key (receiver|account|YYYY-MM-DD): '" + key + "'");
        }
        return new CurrentReportKey(key.substring(0, bar), AccountPeriodKey.parse(key.substring(bar + 1)));
    }

    @Override
    public String toString() {
        return format();
    }
}
