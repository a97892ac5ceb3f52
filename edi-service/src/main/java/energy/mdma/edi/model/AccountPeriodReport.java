package energy.mdma.edi.model;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;


/**
 * One 867 transaction set: one service account, one read period, one version.
 *
 * @param serviceAccount    REF*12
 * @param periodStart       R' (DTM*150); may be null for a cancellation (the 867 carries no period for it)
 * @param periodEnd         R (DTM*151); may be null for a cancellation
 * @param udc               the UDC (N1*8S)
 * @param esp               the ESP (N1*SJ)
 * @param customerName      N1*8R
 * @param intervalAccount   true when the account has any interval meter: BPT04 {@code C1}, else {@code DD}
 * @param reportId          BPT02, at most 30 characters, unique over all time
 * @param purpose           ORIGINAL (BPT01 00) or CANCELLATION (01)
 * @param cancelledReportId BPT09, the report id a cancellation cancels; null for an original
 * @param created           BPT03
 * @param meters            the meters (empty for a cancellation); the writer puts them in meter id order
 */
public record AccountPeriodReport(String serviceAccount, LocalDate periodStart, LocalDate periodEnd,
                                  Party udc, Party esp, String customerName, boolean intervalAccount,
                                  String reportId, Purpose purpose, String cancelledReportId, LocalDate created,
                                  List<MeterReport> meters) {

    public AccountPeriodReport {
        Objects.requireNonNull(serviceAccount, "serviceAccount");
        Objects.requireNonNull(udc, "udc");
        Objects.requireNonNull(esp, "esp");
        Objects.requireNonNull(customerName, "customerName");
        Objects.requireNonNull(reportId, "reportId");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(created, "created");
        meters = meters == null ? List.of() : List.copyOf(meters);
        if (purpose == Purpose.CANCELLATION) {
            Objects.requireNonNull(cancelledReportId, "a cancellation needs the cancelled report id");
            if (!meters.isEmpty()) {
                throw new IllegalArgumentException("a cancellation carries no meters (no PTD loops)");
            }
        } else {
            if (cancelledReportId != null) {
                throw new IllegalArgumentException("an original has no cancelled report id");
            }
            Objects.requireNonNull(periodStart, "periodStart");
            Objects.requireNonNull(periodEnd, "periodEnd");
        }
        if (periodStart != null && periodEnd != null && periodEnd.isBefore(periodStart)) {
            throw new IllegalArgumentException("period end " + periodEnd + " before period start " + periodStart);
        }
    }

    /** The cancellation of {@code original}: same account data, no PTD loops, BPT09 = original's report id. */
    public static AccountPeriodReport cancellationOf(AccountPeriodReport original, String reportId, LocalDate created) {
        if (original.purpose() != Purpose.ORIGINAL) {
            throw new IllegalArgumentException("only an original can be cancelled");
        }
        return new AccountPeriodReport(original.serviceAccount(), original.periodStart(), original.periodEnd(),
                original.udc(), original.esp(), original.customerName(), original.intervalAccount(),
                reportId, Purpose.CANCELLATION, original.reportId(), created, List.of());
    }

    /**
     * This report as an 867 carries it, i.e. as {@code Edi867Reader} returns it: names with the
     * delimiters replaced and N102 cut to 60 characters; a cancellation without its period; a meter
     * without readings without its multiplier.
     */
    public AccountPeriodReport asWritten() {
        boolean cancel = purpose == Purpose.CANCELLATION;
        return new AccountPeriodReport(serviceAccount, cancel ? null : periodStart, cancel ? null : periodEnd,
                new Party(udc.id(), Names.n102(udc.name()), udc.duns()),
                new Party(esp.id(), Names.n102(esp.name()), esp.duns()),
                Names.n102(customerName), intervalAccount, reportId, purpose, cancelledReportId, created,
                meters.stream().map(MeterReport::asWritten).sorted(MeterReport.ORDER).toList());
    }

    /** Its meters in the order an 867 carries them ({@link MeterReport#ORDER}). */
    public List<MeterReport> metersInOrder() {
        return meters.stream().sorted(MeterReport.ORDER).toList();
    }

    /**
     * Whether any quantity of the report is estimated, i.e. written with QTY01 {@code KA}: a channel's period total or
     * one of its intervals (false for a cancellation, which carries none).
     */
    public boolean hasEstimates() {
        for (MeterReport m : meters) {
            for (ChannelReport c : m.channels()) {
                if (c.totalEstimated()) {
                    return true;
                }
                if (c.isInterval()) {
                    for (boolean e : c.intervals().estimated()) {
                        if (e) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }

    /** BPT04: {@code C1} for an account with any interval meter, else {@code DD}. */
    public String reportTypeCode() {
        return intervalAccount ? "C1" : "DD";
    }
}
