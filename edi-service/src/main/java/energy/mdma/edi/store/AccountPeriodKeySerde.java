package energy.mdma.edi.store;

import energy.mdma.edi.keys.AccountPeriodKey;

/** The keys of {@code edi-dirty-account-periods}: {@code account|periodEnd} ({@link AccountPeriodKey}). */
public final class AccountPeriodKeySerde extends TextSerde<AccountPeriodKey> {
    public AccountPeriodKeySerde() {
        super(AccountPeriodKey::format, AccountPeriodKey::parse);
    }
}
