package energy.mdma.edi.store;

import energy.mdma.edi.decision.SummarySchedule;

/**
 * The serde of a value of {@code edi-summary-changes}, a receiver's unposted summary changes
 * ({@link SummarySchedule.Dirty}): {@code firstMs,lastMs}.
 */
public final class SummaryChangesSerde extends TextSerde<SummarySchedule.Dirty> {
    public SummaryChangesSerde() {
        super(SummarySchedule.Dirty::format, SummarySchedule.Dirty::parse);
    }
}
