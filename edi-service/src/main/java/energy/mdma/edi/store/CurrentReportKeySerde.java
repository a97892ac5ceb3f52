package energy.mdma.edi.store;

import energy.mdma.edi.keys.CurrentReportKey;

/** The keys of {@code edi-current-reports}: {@code receiver|account|periodEnd} ({@link CurrentReportKey}). */
public final class CurrentReportKeySerde extends TextSerde<CurrentReportKey> {
    @Override
    String format(CurrentReportKey key) {
        return key.format();
    }

    @Override
    CurrentReportKey parse(String text) {
        return CurrentReportKey.parse(text);
    }
}
