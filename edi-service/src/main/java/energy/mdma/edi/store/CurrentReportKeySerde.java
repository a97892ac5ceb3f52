package energy.mdma.edi.store;

import energy.mdma.edi.keys.CurrentReportKey;

/** The keys of {@code edi-current-reports}: {@code receiver|account|periodEnd} ({@link CurrentReportKey}). */
public final class CurrentReportKeySerde extends TextSerde<CurrentReportKey> {
    public CurrentReportKeySerde() {
        super(CurrentReportKey::format, CurrentReportKey::parse);
    }
}
