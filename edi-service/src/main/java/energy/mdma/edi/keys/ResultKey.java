package energy.mdma.edi.keys;

/**
 * A channel-period's result in {@code edi-channel-period-results}: {@code account|periodEnd|meterId|channel}, so that
 * an account's results are one range, by period end.
 */
public record ResultKey(AccountPeriodKey accountPeriod, String meterId, int channel) {
    public ResultKey {
        if (meterId == null || meterId.isEmpty()) {
            throw new IllegalArgumentException("a result key of " + accountPeriod + " needs a meter id");
        }
    }

    public String format() {
        return accountPeriod.format() + AccountPeriodKey.SEP + meterId + AccountPeriodKey.SEP + channel;
    }

    /** The inverse of {@link #format()} (the meter id may hold '|': the channel is after the last one). */
    public static ResultKey parse(String key) {
        AccountPeriodKey ap = AccountPeriodKey.parse(key);
        int meterFrom = ap.format().length() + 1;
        int last = key.lastIndexOf(AccountPeriodKey.SEP);
        if (last < meterFrom) {
            throw new IllegalArgumentException("not a result key (account|YYYY-MM-DD|meter|channel): '" + key + "'");
        }
        return new ResultKey(ap, key.substring(meterFrom, last), Integer.parseInt(key.substring(last + 1)));
    }

    @Override
    public String toString() {
        return format();
    }
}
