package energy.mdma.edi.store;

import energy.mdma.edi.decision.SentState;

import java.time.LocalDate;

/**
 * A value of {@code edi-sent-account-periods}: what was last sent for an account-period ({@link SentState}, under
 * its account-period's key), or the task's newest period end (under {@code SentKey.NEWEST_PERIOD_END}); exactly one of
 * the two.
 */
public record SentValue(SentState sent, LocalDate newestPeriodEnd) {
    public SentValue {
        if ((sent == null) == (newestPeriodEnd == null)) {
            throw new IllegalArgumentException("a sent value is a sent state or the newest period end: " + sent + ", "
                    + newestPeriodEnd);
        }
    }

    public static SentValue of(SentState sent) {
        return new SentValue(sent, null);
    }

    public static SentValue newest(LocalDate periodEnd) {
        return new SentValue(null, periodEnd);
    }

    /** What was sent; {@link SentState#NOTHING} when {@code value} is null (nothing stored). */
    public static SentState sentOrNothing(SentValue value) {
        return value == null ? SentState.NOTHING : value.sent();
    }
}
