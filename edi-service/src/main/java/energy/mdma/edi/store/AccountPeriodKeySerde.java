package energy.mdma.edi.store;

import energy.mdma.edi.keys.AccountPeriodKey;

/** The keys of {@code edi-dirty-account-periods}: {@code account|periodEnd} ({@link AccountPeriodKey}). */
public final class AccountPeriodKeySerde extends TextSerde<AccountPeriodKey> {
    @Override
    String format(AccountPeriodKey key) {
        return key.format();
    }

    @Override
    AccountPeriodKey parse(String text) {
        return AccountPeriodKey.parse(text);
    }
}
