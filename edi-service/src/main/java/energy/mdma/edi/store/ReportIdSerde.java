package energy.mdma.edi.store;

/** The values of {@code edi-current-reports}: the report id's characters ({@link ReportId}). */
public final class ReportIdSerde extends TextSerde<ReportId> {
    @Override
    String format(ReportId value) {
        return value.id();
    }

    @Override
    ReportId parse(String text) {
        return new ReportId(text);
    }
}
