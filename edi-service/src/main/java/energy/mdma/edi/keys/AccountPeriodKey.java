package energy.mdma.edi.keys;

import java.time.LocalDate;

/**
 * An account-period, {@code account|periodEnd} (period end {@code YYYY-MM-DD}): the key of
 * {@code edi-dirty-account-periods} and {@code edi-sent-account-periods}, and the start of the keys of
 * {@code edi-channel-period-results} and {@code edi-current-reports}. An account's account-periods sort by period end.
 */
public record AccountPeriodKey(String account, LocalDate periodEnd) {
    static final char SEP = '|';
    /**
     * The key in {@code edi-sent-account-periods} of the newest period end of a result with data the task has
     * received (value {@code YYYY-MM-DD}): NUL sorts before every account, and nothing iterates that store.
     */
    public static final String NEWEST_PERIOD_END = "\u0000newest-period-end";

    public AccountPeriodKey {
        if (account == null || account.isEmpty() || account.indexOf(SEP) >= 0) {
            throw new IllegalArgumentException("a service account id for a state key must be non-empty and without '|', is '"
                    + account + "'");
        }
        if (periodEnd == null) {
            throw new IllegalArgumentException("an account-period of account " + account + " needs a period end");
        }
    }

    public String format() {
        return account + SEP + periodEnd;
    }

    /** The inverse of {@link #format()}; also reads the account-period at the start of a longer key. */
    public static AccountPeriodKey parse(String key) {
        int bar = key.indexOf(SEP);
        if (bar <= 0) {
            throw new IllegalArgumentException("not an account-period key (account|YYYY-MM-DD): '" + key + "'");
        }
        int end = key.indexOf(SEP, bar + 1);
        return new AccountPeriodKey(key.substring(0, bar), LocalDate.parse(end < 0 ? key.substring(bar + 1)
                : key.substring(bar + 1, end)));
    }

    /** The prefix of every key of this account (its account-periods, their results). */
    public static String accountPrefix(String account) {
        return account + SEP;
    }

    /** A key after every key of this account and before the next account's. */
    public static String afterAccount(String account) {
        return account + SEP + '\uffff';
    }

    /** The first key of the account's account-periods ending on or after {@code periodEnd} (all before are older). */
    public static String accountFrom(String account, LocalDate periodEnd) {
        return account + SEP + periodEnd;
    }

    /** The account of a key that starts with an account-period. */
    public static String accountOf(String key) {
        int bar = key.indexOf(SEP);
        if (bar <= 0) {
            throw new IllegalArgumentException("not a key of an account-period (account|...): '" + key + "'");
        }
        return key.substring(0, bar);
    }

    @Override
    public String toString() {
        return format();
    }
}
