package energy.mdma.edi.keys;

/**
 * The keys of the global {@code edi-meter-index}: {@code m|meterId} (the meter's account) and
 * {@code a|account|meterId} (the meter), so that all meters of an account are one prefix scan.
 */
public final class MeterIndexKey {
    private MeterIndexKey() {
    }

    /** Where the account of a meter is kept. */
    public static String meter(String meterId) {
        return "m|" + meterId;
    }

    /** Where a meter is kept under its account. */
    public static String accountMeter(String account, String meterId) {
        return accountPrefix(account) + meterId;
    }

    /** The prefix of every meter of an account. */
    public static String accountPrefix(String account) {
        return "a|" + account + "|";
    }
}
