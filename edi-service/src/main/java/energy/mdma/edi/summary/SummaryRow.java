package energy.mdma.edi.summary;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collections;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import energy.mdma.edi.model.Quantities;
import energy.mdma.edi.model.X12Uom;
import energy.mdma.edi.model.CodePointOrder;

/**
 * One row of the summary report: the current version of one channel-period.
 *
 * @param serviceAccount     service account
 * @param meterId            meter id
 * @param channel            channel number
 * @param uom                KWH or KVARH
 * @param periodStart        R'
 * @param periodEnd          R
 * @param intervalsExpected  interval count expected; null for a non-interval meter
 * @param intervalsActual    intervals carried as QD; null for a non-interval meter
 * @param intervalsEstimated intervals carried as KA; null for a non-interval meter
 * @param total              period total; null for a held channel-period
 * @param registerStart      reading at R' (estimated ones too) or null
 * @param registerEnd        reading at R (estimated ones too) or null
 * @param failurePoints      failure point code to count (vee-rules.md section 7), counts &gt; 0
 */
public record SummaryRow(String serviceAccount, String meterId, int channel, X12Uom uom,
                         LocalDate periodStart, LocalDate periodEnd,
                         Integer intervalsExpected, Integer intervalsActual, Integer intervalsEstimated,
                         BigDecimal total, Long registerStart, Long registerEnd,
                         Map<String, Integer> failurePoints) {

    /** The report's order: service_account, meter_id as strings (code points), channel as a number, period_start. */
    public static final Comparator<SummaryRow> ORDER = Comparator
            .comparing(SummaryRow::serviceAccount, CodePointOrder.COMPARATOR)
            .thenComparing(SummaryRow::meterId, CodePointOrder.COMPARATOR)
            .thenComparingInt(SummaryRow::channel)
            .thenComparing(SummaryRow::periodStart);

    public SummaryRow {
        Objects.requireNonNull(serviceAccount, "serviceAccount");
        Objects.requireNonNull(meterId, "meterId");
        Objects.requireNonNull(uom, "uom");
        Objects.requireNonNull(periodStart, "periodStart");
        Objects.requireNonNull(periodEnd, "periodEnd");
        total = Quantities.normalize(total);
        TreeMap<String, Integer> fp = new TreeMap<>(CodePointOrder.COMPARATOR);
        if (failurePoints != null) {
            for (Map.Entry<String, Integer> e : failurePoints.entrySet()) {
                if (e.getValue() == null || e.getValue() <= 0) {
                    throw new IllegalArgumentException("failure point " + e.getKey() + " with count " + e.getValue());
                }
                if (e.getKey().isEmpty() || e.getKey().indexOf('=') >= 0 || e.getKey().indexOf(';') >= 0) {
                    throw new IllegalArgumentException("bad failure point code '" + e.getKey() + "'");
                }
                fp.put(e.getKey(), e.getValue());
            }
        }
        failurePoints = Collections.unmodifiableSortedMap(fp);
    }

    /** {@code CODE=count} pairs sorted by code, joined by {@code ;}; empty when there are none. */
    public String failurePointsField() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Integer> e : failurePoints.entrySet()) {
            if (sb.length() > 0) {
                sb.append(';');
            }
            sb.append(e.getKey()).append('=').append(e.getValue());
        }
        return sb.toString();
    }
}
