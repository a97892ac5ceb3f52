package energy.mdma.edi.store;

/** The values of {@code edi-current-reports}: the report id's characters ({@link ReportId}). */
public final class ReportIdSerde extends TextSerde<ReportId> {
    public ReportIdSerde() {
        super(ReportId::id, ReportId::new);
    }
}
