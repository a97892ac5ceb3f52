package energy.mdma.edi.model;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One meter of an account in one read period.
 *
 * @param meterId    meter id (REF*MG)
 * @param multiplier meter multiplier (MEA03); the 867 carries it only in a MEA segment, so it is null
 *                   when read from an 867 with no readings for this meter
 * @param channels   its channels; the writer puts them in channel order
 */
public record MeterReport(String meterId, BigDecimal multiplier, List<ChannelReport> channels) {
    /** The order of meters in an 867 (edi-867.md): by meter id, code point by code point. */
    public static final Comparator<MeterReport> ORDER = Comparator.comparing(MeterReport::meterId,
            CodePointOrder.COMPARATOR);

    public MeterReport {
        Objects.requireNonNull(meterId, "meterId");
        multiplier = Quantities.strip(multiplier);
        channels = List.copyOf(channels);
        if (multiplier == null && channels.stream().anyMatch(ChannelReport::hasReadings)) {
            throw new IllegalArgumentException("meter " + meterId + " has readings but no multiplier");
        }
    }

    /** This meter as an 867 carries it: without the multiplier when no channel has readings (no MEA). */
    public MeterReport asWritten() {
        boolean mea = channels.stream().anyMatch(ChannelReport::hasReadings);
        return new MeterReport(meterId, mea ? multiplier : null, channelsInOrder());
    }

    /** Its channels in the order an 867 carries them ({@link ChannelReport#ORDER}). */
    public List<ChannelReport> channelsInOrder() {
        return channels.stream().sorted(ChannelReport.ORDER).toList();
    }
}
