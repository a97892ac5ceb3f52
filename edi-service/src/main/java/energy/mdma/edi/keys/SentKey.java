package energy.mdma.edi.keys;

/**
 * A key of {@code edi-sent-account-periods}: an account-period ({@code account|periodEnd}, what was last sent for it),
 * or {@link #NEWEST_PERIOD_END} ({@code \0newest-period-end}: NUL sorts before every account, and nothing iterates
 * that store), where the task keeps the newest period end of a result with data it has received.
 */
public record SentKey(AccountPeriodKey accountPeriod) {
    private static final String NEWEST_PERIOD_END_TEXT = "\u0000newest-period-end";
    public static final SentKey NEWEST_PERIOD_END = new SentKey(null);

    public static SentKey of(AccountPeriodKey accountPeriod) {
        if (accountPeriod == null) {
            throw new IllegalArgumentException("a sent state needs its account-period");
        }
        return new SentKey(accountPeriod);
    }

    public String format() {
        return accountPeriod == null ? NEWEST_PERIOD_END_TEXT : accountPeriod.format();
    }

    public static SentKey parse(String key) {
        return key.equals(NEWEST_PERIOD_END_TEXT) ? NEWEST_PERIOD_END : new SentKey(AccountPeriodKey.parse(key));
    }

    @Override
    public String toString() {
        return format();
    }
}
