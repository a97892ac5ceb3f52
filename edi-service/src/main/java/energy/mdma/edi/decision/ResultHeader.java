package energy.mdma.edi.decision;

import energy.mdma.events.ChannelPeriodResult;
import energy.mdma.kafka.AvroFields;
import org.apache.avro.AvroRuntimeException;

import java.time.LocalDate;

/**
 * What edi needs of a VEE result before it decides the account-period: where it belongs (account, period end, meter,
 * channel), its version and whether it carries data (intervals or a closing reading: only those move edi's today,
 * {@link CorrectionHorizon}). Read from a result or straight from its binary Avro ({@link #read}), without decoding
 * its intervals: a result arrives and is stored as it was written, and decoded only when its account-period is decided.
 */
public record ResultHeader(String meterId, int channel, String serviceAccount, LocalDate periodEnd, int version,
                           boolean hasData) {
    private static final AvroFields FIELDS = new AvroFields(ChannelPeriodResult.getClassSchema(), "meterId",
            "channel", "serviceAccount", "periodEnd", "version", "intervalsActual", "registerEnd");

    /** Whether a result with these counts carries data. */
    public static boolean hasData(int intervalsActual, Long registerEnd) {
        return intervalsActual > 0 || registerEnd != null;
    }

    public static ResultHeader of(ChannelPeriodResult r) {
        return new ResultHeader(r.getMeterId(), r.getChannel(), r.getServiceAccount(), r.getPeriodEnd(), r.getVersion(),
                hasData(r.getIntervalsActual(), r.getRegisterEnd()));
    }

    /**
     * The header of a result's binary Avro written with {@link ChannelPeriodResult}'s own schema (what edi stores).
     *
     * @throws AvroRuntimeException when the bytes are no such result
     */
    public static ResultHeader read(byte[] body) {
        Object[] v;
        try {
            v = FIELDS.read(body);
        } catch (AvroRuntimeException e) {
            throw new AvroRuntimeException("cannot read the header of a channel-period result of " + body.length
                    + " bytes: " + e.getMessage(), e);
        }
        return new ResultHeader((String) v[0], (Integer) v[1], (String) v[2], LocalDate.ofEpochDay((Integer) v[3]),
                (Integer) v[4], hasData((Integer) v[5], (Long) v[6]));
    }
}
