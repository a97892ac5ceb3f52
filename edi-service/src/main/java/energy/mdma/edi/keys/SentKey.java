package energy.mdma.edi.keys;

/**
 * A key of {@code edi-sent-account-periods}: an account-period ({@code account|periodEnd}), what was last sent for it.
 * {@link #FORMER_NEWEST_PERIOD_END} is where versions before 2026-12 kept the task's newest period end in this store
 * ({@code \0newest-period-end}): deleted, unread, when a task first runs (AccountPeriodProcessor).
 */
public record SentKey(AccountPeriodKey accountPeriod) {
    private static final String FORMER_NEWEST_PERIOD_END_TEXT = "\u0000newest-period-end";
    public static final SentKey FORMER_NEWEST_PERIOD_END = new SentKey(null);

    public static SentKey of(AccountPeriodKey accountPeriod) {
        if (accountPeriod == null) {
            throw new IllegalArgumentException("a sent state needs its account-period");
        }
        return new SentKey(accountPeriod);
    }

    public String format() {
        return accountPeriod == null ? FORMER_NEWEST_PERIOD_END_TEXT : accountPeriod.format();
    }

    public static SentKey parse(String key) {
        return key.equals(FORMER_NEWEST_PERIOD_END_TEXT) ? FORMER_NEWEST_PERIOD_END
                : new SentKey(AccountPeriodKey.parse(key));
    }

    @Override
    public String toString() {
        return format();
    }
}
