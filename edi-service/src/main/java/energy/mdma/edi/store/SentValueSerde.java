package energy.mdma.edi.store;

import energy.mdma.edi.decision.SentState;

import java.time.LocalDate;

/**
 * The values of {@code edi-sent-account-periods} ({@link SentValue}): a sent state as {@code dataHash|rowsHash|receivers}
 * ({@link SentState#format()}), the newest period end as {@code YYYY-MM-DD}. The two forms are told apart by their text:
 * a sent state has two '|', a date none.
 */
public final class SentValueSerde extends TextSerde<SentValue> {
    public SentValueSerde() {
        super(SentValueSerde::format, SentValueSerde::parse);
    }

    private static String format(SentValue value) {
        return value.sent() != null ? value.sent().format() : value.newestPeriodEnd().toString();
    }

    private static SentValue parse(String text) {
        return text.indexOf('|') >= 0 ? SentValue.of(SentState.parse(text)) : SentValue.newest(LocalDate.parse(text));
    }
}
