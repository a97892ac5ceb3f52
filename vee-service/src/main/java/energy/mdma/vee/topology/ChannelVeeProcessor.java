package energy.mdma.vee.topology;

import energy.mdma.events.ChannelEvent;
import energy.mdma.events.ChannelPeriodResult;
import energy.mdma.events.IntervalBlock;
import energy.mdma.events.ManualEdit;
import energy.mdma.events.MeterEvent;
import energy.mdma.events.RegisterReading;
import energy.mdma.events.ScheduledReadDate;
import energy.mdma.events.VeeException;
import energy.mdma.events.kafka.Topics;
import energy.mdma.vee.model.LocalGrid;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per meter channel: keeps the received channel-days, register readings and manual edits in RocksDB
 * (changelogged), marks the channel dirty on every input, and on a wall-clock punctuation evaluates the
 * dirty channels with the VEE engine, publishing a new version of every channel-period whose result
 * changed. Results are a pure function of the stored inputs, so arrival order does not matter
 * (apart from "the value received last wins" for the same interval, decided by log order).
 */
final class ChannelVeeProcessor implements Processor<String, SpecificRecord, String, SpecificRecord> {
    private static final Logger LOG = Logger.getLogger(ChannelVeeProcessor.class);

    private final VeeTopology.Settings settings;
    private final ChannelEvaluation evaluation;
    private final Serde<ChannelPeriodResult> resultSerde;

    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, byte[]> days;
    private KeyValueStore<String, byte[]> registers;
    private KeyValueStore<String, byte[]> edits;
    private KeyValueStore<String, byte[]> published;
    private KeyValueStore<String, Long> dirty;
    private TimestampedKeyValueStore<String, MeterEvent> meters;
    private TimestampedKeyValueStore<String, ChannelEvent> channels;
    private TimestampedKeyValueStore<String, ScheduledReadDate> schedules;

    ChannelVeeProcessor(VeeTopology.Settings settings, ChannelEvaluation evaluation, Serde<ChannelPeriodResult> resultSerde) {
        this.settings = settings;
        this.evaluation = evaluation;
        this.resultSerde = resultSerde;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        days = context.getStateStore(VeeTopology.DAYS_STORE);
        registers = context.getStateStore(VeeTopology.REGISTERS_STORE);
        edits = context.getStateStore(VeeTopology.EDITS_STORE);
        published = context.getStateStore(VeeTopology.PUBLISHED_STORE);
        dirty = context.getStateStore(VeeTopology.DIRTY_STORE);
        meters = context.getStateStore(VeeTopology.METERS_STORE);
        channels = context.getStateStore(VeeTopology.CHANNELS_STORE);
        schedules = context.getStateStore(VeeTopology.SCHEDULES_STORE);
        context.schedule(settings.evaluateEvery(), PunctuationType.WALL_CLOCK_TIME, this::evaluateDue);
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        SpecificRecord v = record.value();
        if (v instanceof IntervalBlock b) {
            storeBlock(b);
            markDirty(Topics.channelKey(b.getMeterId(), b.getChannel()), 0L);
        } else if (v instanceof RegisterReading r) {
            String key = Topics.channelKey(r.getMeterId(), r.getChannel());
            TreeMap<Long, Long> m = StoredRegisters.decode(registers.get(key));
            m.put(r.getReadTime().toEpochMilli(), r.getReading());
            registers.put(key, StoredRegisters.encode(m));
            markDirty(key, 0L);
        } else if (v instanceof ManualEdit e) {
            String key = Topics.channelKey(e.getMeterId(), e.getChannel());
            EditLog log = EditLog.decode(edits.get(key));
            log.apply(e);
            edits.put(key, log.encode());
            markDirty(key, 0L);
        }
    }

    private void storeBlock(IntervalBlock b) {
        int minutes = b.getIntervalMinutes();
        long first = b.getFirstIntervalEnd().toEpochMilli();
        long step = minutes * 60_000L;
        int scale = b.getValueScale();
        Map<LocalDate, StoredDay> touched = new HashMap<>();
        List<Long> values = b.getValues();
        List<Integer> statuses = b.getStatuses();
        for (int i = 0; i < values.size(); i++) {
            Instant end = Instant.ofEpochMilli(first + i * step);
            LocalDate day = LocalGrid.dayOf(end);
            StoredDay d = touched.get(day);
            if (d == null) {
                byte[] old = days.get(dayKey(b.getMeterId(), b.getChannel(), day));
                d = old == null ? StoredDay.empty(day, minutes) : StoredDay.decode(old);
                if (d.values.length != LocalGrid.intervalsPerDay(day, minutes)) {
                    d = StoredDay.empty(day, minutes); // interval length changed: the new grid wins
                }
                touched.put(day, d);
            }
            long raw = rescale(values.get(i), scale);
            d.set(LocalGrid.positionOf(end, minutes), raw, statuses.get(i));
        }
        touched.forEach((day, d) -> days.put(dayKey(b.getMeterId(), b.getChannel(), day), d.encode()));
    }

    private static long rescale(long value, int scale) {
        if (scale == StoredDay.SCALE) {
            return value;
        }
        return BigDecimal.valueOf(value, scale).setScale(StoredDay.SCALE).unscaledValue().longValueExact();
    }

    static String dayKey(String meterId, int channel, LocalDate day) {
        return Topics.channelKey(meterId, channel) + ":" + day;
    }

    /** Marks a channel for evaluation at {@code dueAt} (0 = at the next punctuation), keeping the earlier time. */
    private void markDirty(String channelKey, long dueAt) {
        Long current = dirty.get(channelKey);
        if (current == null || dueAt < current) {
            dirty.put(channelKey, dueAt);
        }
    }

    private void evaluateDue(long wallClockMs) {
        List<String> due = new ArrayList<>();
        try (KeyValueIterator<String, Long> it = dirty.all()) {
            while (it.hasNext()) {
                KeyValue<String, Long> kv = it.next();
                if (kv.value <= wallClockMs) {
                    due.add(kv.key);
                }
            }
        }
        for (String channelKey : due) {
            dirty.delete(channelKey);
            evaluate(channelKey, Instant.ofEpochMilli(wallClockMs));
        }
    }

    private void evaluate(String channelKey, Instant now) {
        int sep = channelKey.lastIndexOf(':');
        String meterId = channelKey.substring(0, sep);
        int channel = Integer.parseInt(channelKey.substring(sep + 1));
        MeterEvent meter = value(meters.get(meterId));
        ChannelEvent ch = value(channels.get(channelKey));
        if (meter == null || ch == null) {
            // master data not here yet (the global tables are read concurrently): try again shortly
            markDirty(channelKey, now.toEpochMilli() + settings.evaluateEvery().toMillis());
            return;
        }
        List<LocalDate> readDates = new ArrayList<>();
        try (KeyValueIterator<String, ValueAndTimestamp<ScheduledReadDate>> it =
                     schedules.prefixScan(meter.getReadCycle() + ":", new org.apache.kafka.common.serialization.StringSerializer())) {
            while (it.hasNext()) {
                readDates.add(it.next().value.value().getReadDate());
            }
        }
        readDates.sort(null);
        List<StoredDay> stored = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = days.prefixScan(channelKey + ":",
                new org.apache.kafka.common.serialization.StringSerializer())) {
            while (it.hasNext()) {
                stored.add(StoredDay.decode(it.next().value));
            }
        }
        ChannelEvaluation.Outcome outcome = evaluation.evaluate(meter, ch, readDates, stored,
                StoredRegisters.toReadings(StoredRegisters.decode(registers.get(channelKey))),
                EditLog.decode(edits.get(channelKey)), now);
        for (ChannelPeriodResult r : outcome.results()) {
            publishIfChanged(r, now);
        }
        for (VeeException e : outcome.exceptions()) {
            context.forward(new Record<>(channelKey, e, now.toEpochMilli()), VeeTopology.EXCEPTIONS_SINK);
        }
        if (outcome.nextDeadline() != null) {
            markDirty(channelKey, outcome.nextDeadline().toEpochMilli());
        }
    }

    private void publishIfChanged(ChannelPeriodResult r, Instant now) {
        String key = Topics.channelKey(r.getMeterId(), r.getChannel()) + ":" + r.getPeriodEnd();
        byte[] oldBytes = published.get(key);
        ChannelPeriodResult old = oldBytes == null ? null : resultSerde.deserializer().deserialize(Topics.CHANNEL_PERIODS, oldBytes);
        ResultDiff.Change change = ResultDiff.compare(old, r);
        if (!change.changed()) {
            return;
        }
        r.setVersion(old == null ? 1 : old.getVersion() + 1);
        r.setChangedIntervals(change.changedIntervals());
        if (r.getChangeReason() == null) {
            r.setChangeReason(old == null ? "first result" : change.description());
        }
        published.put(key, resultSerde.serializer().serialize(Topics.CHANNEL_PERIODS, r));
        context.forward(new Record<>(r.getServiceAccount(), r, now.toEpochMilli()), VeeTopology.RESULTS_SINK);
        if (LOG.isDebugEnabled()) {
            LOG.debugf("published %s version %d (%s)", key, r.getVersion(), r.getState());
        }
    }

    private static <T> T value(ValueAndTimestamp<T> v) {
        return v == null ? null : v.value();
    }

    static Duration defaultEvery() {
        return Duration.ofSeconds(2);
    }
}
