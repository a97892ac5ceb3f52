package energy.mdma.edi.model;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.Objects;

/**
 * One channel of a meter in one read period.
 *
 * @param channel        channel number (REF*6W)
 * @param uom            KWH or KVARH
 * @param total          period total (PTD*BO QTY02), at most 4 decimal places
 * @param totalEstimated {@code true} when the total is {@code KA} (any interval or the closing reading estimated)
 * @param registerStart  reading at R' (MEA05), or null
 * @param registerEnd    reading at R (MEA06), or null; the MEA segment stands only when both exist
 * @param intervals      the intervals of an interval channel (PTD*PM loop), null for a non-interval meter
 */
public record ChannelReport(int channel, X12Uom uom, BigDecimal total, boolean totalEstimated,
                            Long registerStart, Long registerEnd, IntervalSeries intervals) {

    /** The order of a meter's channels in an 867: by channel number. */
    public static final Comparator<ChannelReport> ORDER = Comparator.comparingInt(ChannelReport::channel);

    public ChannelReport {
        Objects.requireNonNull(uom, "uom");
        Objects.requireNonNull(total, "total");
        if (channel < 0) {
            throw new IllegalArgumentException("channel must not be negative: " + channel);
        }
        total = Quantities.normalize(total);
    }

    public boolean isInterval() {
        return intervals != null;
    }

    /** True when the MEA segment stands: both readings exist. */
    public boolean hasReadings() {
        return registerStart != null && registerEnd != null;
    }
}
