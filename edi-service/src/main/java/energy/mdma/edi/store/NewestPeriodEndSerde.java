package energy.mdma.edi.store;

import java.time.LocalDate;

/** The serde of {@link NewestPeriodEnd}: {@code YYYY-MM-DD}. */
public final class NewestPeriodEndSerde extends TextSerde<NewestPeriodEnd> {
    public NewestPeriodEndSerde() {
        super(n -> n.periodEnd().toString(), text -> new NewestPeriodEnd(LocalDate.parse(text)));
    }
}
