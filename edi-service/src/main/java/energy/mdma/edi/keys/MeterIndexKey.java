package energy.mdma.edi.keys;

/**
 * The keys of the global {@code edi-meter-index}: {@code m|meterId} (the meter's account, {@link AccountOf}) and
 * {@code a|account|meterId} (the meter, {@link MeterOf}), so that all meters of an account are one prefix scan.
 */
public sealed interface MeterIndexKey permits MeterIndexKey.AccountOf, MeterIndexKey.MeterOf {
    String ACCOUNT_OF = "m|";
    String METER_OF = "a|";

    String format();

    /** Where the account of a meter is kept. */
    record AccountOf(String meterId) implements MeterIndexKey {
        @Override
        public String format() {
            return ACCOUNT_OF + meterId;
        }
    }

    /** Where a meter is kept under its account. */
    record MeterOf(String account, String meterId) implements MeterIndexKey {
        public MeterOf {
            if (account.indexOf('|') >= 0) {
                throw new IllegalArgumentException("a service account id of the meter index must be without '|', is '"
                        + account + "'");
            }
        }

        @Override
        public String format() {
            return accountPrefix(account) + meterId;
        }
    }

    /** The prefix of every meter of an account. */
    static String accountPrefix(String account) {
        return METER_OF + account + "|";
    }

    static MeterIndexKey parse(String key) {
        if (key.startsWith(ACCOUNT_OF)) {
            return new AccountOf(key.substring(ACCOUNT_OF.length()));
        }
        int bar = key.indexOf('|', METER_OF.length());
        if (!key.startsWith(METER_OF) || bar < 0) {
            throw new IllegalArgumentException("not a meter index key (m|meterId, a|account|meterId): '" + key + "'");
        }
        return new MeterOf(key.substring(METER_OF.length(), bar), key.substring(bar + 1));
    }
}
