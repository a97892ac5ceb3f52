package energy.mdma.edi.keys;

import java.time.LocalDate;

/**
 * An account-period, {@code account|periodEnd} (period end {@code YYYY-MM-DD}): the key of
 * {@code edi-dirty-account-periods} and of {@code edi-sent-account-periods} ({@link SentKey}), and the start of the keys of
 * {@code edi-channel-period-results} and {@code edi-current-reports}. An account's account-periods sort by period end.
 */
public record AccountPeriodKey(String account, LocalDate periodEnd) {
    static final char SEP = '|';

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

    @Override
    public String toString() {
        return format();
    }
}
