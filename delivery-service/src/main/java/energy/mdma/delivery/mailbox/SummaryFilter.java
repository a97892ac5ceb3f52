package energy.mdma.delivery.mailbox;

import java.time.LocalDate;

/**
 * Which rows of a summary a request wants (edi-867.md: {@code periodFrom=}, {@code periodTo=}): the channel-periods
 * that overlap the dates, bounds included; null = unbounded.
 */
public record SummaryFilter(LocalDate periodFrom, LocalDate periodTo) {
    public static final SummaryFilter NONE = new SummaryFilter(null, null);

    public boolean isNone() {
        return periodFrom == null && periodTo == null;
    }

    /** Whether a channel-period from {@code start} (R') to {@code end} (R) is wanted. */
    public boolean accepts(LocalDate start, LocalDate end) {
        return (periodFrom == null || !end.isBefore(periodFrom)) && (periodTo == null || !start.isAfter(periodTo));
    }
}
