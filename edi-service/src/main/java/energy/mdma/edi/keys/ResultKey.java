package energy.mdma.edi.keys;

import java.time.LocalDate;

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

    /** A meter id after every other (U+10FFFF, the largest code point; UTF-8 F4 8F BF BF). */
    private static final String LAST_METER = new String(Character.toChars(Character.MAX_CODE_POINT));

    /**
     * A key after every result of the account (its period ends all before year 10000, its meter ids all below the
     * largest code point): a seek from here goes past the account in one step. A key of the account that still
     * follows it (a meter id starting with U+10FFFF) is the seeker's to skip.
     */
    public static ResultKey pastAccount(String account) {
        return new ResultKey(new AccountPeriodKey(account, LocalDate.of(9999, 12, 31)), LAST_METER, Integer.MAX_VALUE);
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
