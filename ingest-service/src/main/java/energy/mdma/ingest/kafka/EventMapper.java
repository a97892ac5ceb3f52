package energy.mdma.ingest.kafka;

import energy.mdma.events.ChannelEvent;
import energy.mdma.events.DecimalValue;
import energy.mdma.events.IntervalBlock;
import energy.mdma.events.MeterEvent;
import energy.mdma.events.PartyEvent;
import energy.mdma.events.PartyRole;
import energy.mdma.events.RawUnit;
import energy.mdma.events.RegisterReading;
import energy.mdma.events.ScheduledReadDate;
import energy.mdma.events.Source;
import energy.mdma.events.SourceType;
import energy.mdma.events.Uom;
import energy.mdma.events.kafka.ScheduleKey;
import energy.mdma.ingest.model.Channel;
import energy.mdma.ingest.model.Meter;
import energy.mdma.ingest.model.ParsedIntervalBlock;
import energy.mdma.ingest.model.ParsedRegisterReading;
import energy.mdma.ingest.model.Party;
import energy.mdma.ingest.model.ScheduleEntry;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/** Turns what the parsers accept into the events of the contract (module schemas). Stateless. */
public final class EventMapper {
    /** Interval values are micro-units: scale 6. */
    public static final int VALUE_SCALE = 6;

    private EventMapper() {
    }

    public static DecimalValue decimal(BigDecimal d) {
        return new DecimalValue(d.unscaledValue().longValueExact(), d.scale());
    }

    public static PartyEvent party(Party p, String changedBy, Instant at, String fileId) {
        return PartyEvent.newBuilder().setPartyId(p.partyId())
                .setRole(PartyRole.valueOf(p.role().name())).setName(p.name())
                .setDuns(p.duns() == null || p.duns().isEmpty() ? null : p.duns()).setChangedBy(changedBy)
                .setChangedAt(at).setSourceFileId(fileId).build();
    }

    public static MeterEvent meter(Meter m, String fileId) {
        return MeterEvent.newBuilder().setMeterId(m.meterId()).setServiceAccount(m.serviceAccount())
                .setUdcId(m.udcId()).setEspId(m.espId()).setCustomerName(m.customerName())
                .setReadCycle(m.readCycle()).setIntervalMinutes(m.intervalMinutes()).setDials(m.dials())
                .setMeterMultiplier(decimal(m.meterMultiplier())).setMeterClass(null).setSourceFileId(fileId).build();
    }

    public static ChannelEvent channel(Channel c, String fileId) {
        return ChannelEvent.newBuilder().setMeterId(c.meterId()).setChannel(c.channel())
                .setUom(Uom.valueOf(c.uom().name()))
                .setRawUnit(RawUnit.valueOf(c.rawUnit().name()))
                .setPulseMultiplier(decimal(c.pulseMultiplier())).setMaxPulsesPerInterval(c.maxPulsesPerInterval())
                .setSourceFileId(fileId).build();
    }

    public static ScheduledReadDate schedule(ScheduleEntry e, String fileId) {
        return new ScheduledReadDate(e.readCycle(), e.scheduledReadDate(), fileId);
    }

    /** Key of a scheduled read date: {@code readCycle:YYYY-MM-DD}. */
    public static String scheduleKey(ScheduleEntry e) {
        return new ScheduleKey(e.readCycle(), e.scheduledReadDate()).format();
    }

    public static RegisterReading register(ParsedRegisterReading r, SourceType type, String fileId,
            Instant receivedAt) {
        return new RegisterReading(r.meterId(), r.channel(), r.readTime(), r.reading(),
                new Source(type, fileId, r.line(), receivedAt));
    }

    /**
     * Splits a parser block (values of one meter channel in receipt order, ends not necessarily consecutive) into
     * runs of consecutive intervals, in the same order: value i+1 joins the run when it ends exactly one interval
     * after value i. Each run's source sequence is the line of its first value.
     */
    public static void runs(ParsedIntervalBlock b, SourceType type, String fileId, Instant receivedAt,
            Consumer<IntervalBlock> out) {
        int n = b.size();
        long step = b.intervalMinutes() * 60L;
        int start = 0;
        for (int i = 1; i <= n; i++) {
            if (i == n || b.endEpochSecond(i) != b.endEpochSecond(i - 1) + step) {
                out.accept(run(b, start, i, type, fileId, receivedAt));
                start = i;
            }
        }
    }

    /** {@link #runs(ParsedIntervalBlock, SourceType, String, Instant, Consumer)} as a list. */
    public static List<IntervalBlock> runs(ParsedIntervalBlock b, SourceType type, String fileId,
            Instant receivedAt) {
        List<IntervalBlock> out = new ArrayList<>();
        runs(b, type, fileId, receivedAt, out::add);
        return out;
    }

    private static IntervalBlock run(ParsedIntervalBlock b, int from, int to, SourceType type,
            String fileId, Instant receivedAt) {
        Long[] values = new Long[to - from];
        Integer[] statuses = new Integer[to - from];
        for (int i = from; i < to; i++) {
            values[i - from] = b.valueMicros(i);
            statuses[i - from] = b.statusBits(i);
        }
        return IntervalBlock.newBuilder().setMeterId(b.meterId()).setChannel(b.channel())
                .setIntervalMinutes(b.intervalMinutes()).setFirstIntervalEnd(Instant.ofEpochSecond(b.endEpochSecond(from)))
                .setValueScale(VALUE_SCALE).setValues(Arrays.asList(values)).setStatuses(Arrays.asList(statuses))
                .setSource(new Source(type, fileId, b.line(from), receivedAt)).setHeadEndId(null)
                .setHeadEndSequence(null).build();
    }
}
