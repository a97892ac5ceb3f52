package energy.mdma.vee.topology;

import energy.mdma.events.ChannelEvent;
import energy.mdma.events.ChannelPeriodResult;
import energy.mdma.events.IntervalBlock;
import energy.mdma.events.ManualEdit;
import energy.mdma.events.MeterEvent;
import energy.mdma.events.PeriodState;
import energy.mdma.events.RegisterReading;
import energy.mdma.events.ScheduledReadDate;
import energy.mdma.events.SourceType;
import energy.mdma.events.VeeException;
import energy.mdma.events.kafka.ChannelKey;
import energy.mdma.events.kafka.ScheduleKey;
import energy.mdma.events.kafka.Topics;
import energy.mdma.kafka.GlobalStoreVersion;
import energy.mdma.kafka.PassesOnChange;
import energy.mdma.kafka.PrimitiveArrays;
import energy.mdma.vee.engine.DaySource;
import energy.mdma.vee.model.LocalGrid;
import energy.mdma.vee.state.ChannelBounds;
import energy.mdma.vee.state.ChannelDayKey;
import energy.mdma.vee.state.DirtyRange;
import energy.mdma.vee.state.EditLog;
import energy.mdma.vee.state.NewestDay;
import energy.mdma.kafka.MasterDataDigest;
import energy.mdma.vee.state.PublishedResult;
import energy.mdma.vee.state.StoredDay;
import energy.mdma.vee.state.StoredRegisters;
import java.util.function.LongSupplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.serialization.StringSerializer;
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
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Per meter channel: keeps the received channel-days, register readings and manual edits in RocksDB
 * (changelogged), marks the channel dirty on every input, and on a wall-clock punctuation evaluates the
 * dirty channels that are due with the VEE engine, publishing a new version of every channel-period whose
 * result changed. Results are a pure function of the stored inputs, so arrival order does not matter
 * (apart from "the value received last wins" for the same interval, decided by log order).
 *
 * <p>Input settles before it is evaluated ({@link DirtyRange}): a channel is evaluated once its input has been
 * quiet for settle-quiet, or at the latest settle-max after its first unevaluated input, so that a backlog arriving
 * over many punctuations is evaluated once, not at every punctuation. An evaluation made while the input is still
 * arriving (at the cap, or at an engine deadline) publishes only the periods behind the edge of the arrived data and
 * defers the others until the input is quiet ({@link ArrivalEdge}).
 */
final class ChannelVeeProcessor implements Processor<String, SpecificRecord, String, SpecificRecord> {
    private static final Logger LOG = Logger.getLogger(ChannelVeeProcessor.class);

    private final VeeTopology.Settings settings;
    private final ChannelEvaluation evaluation;
    private final ChannelMasterDataFingerprint fingerprint = new ChannelMasterDataFingerprint();
    /**
     * No dirty channel is due before this (wall clock ms): a lower bound of their evaluation times, the earliest
     * found by the last scan of the dirty store and lowered by every mark since, so that a punctuation with nothing
     * due does not scan the store (while a backlog settles, every channel it touches waits there for its quiet time).
     * Not stored: after a restart the first punctuation scans.
     */
    private long nextDueAt = Long.MIN_VALUE;
    /** The read dates of each cycle, read once per punctuation (the schedules are a global table). */
    private final Map<String, List<LocalDate>> readDatesByCycle = new HashMap<>();
    /**
     * The read cycle of the meters whose head-end blocks came last, for {@link #reachesAReadPeriodsEnd}: a head-end
     * sends a meter's channels and days one after another, so most blocks find their meter here instead of reading and
     * decoding it from the meters table (a global store). At most {@link #READ_CYCLES_KEPT} meters, the least recently
     * used dropped; emptied when the master data changed ({@link #readCyclesVersion}), so a meter moved to another
     * cycle is read again.
     */
    private final Map<String, String> readCycleByMeter = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > READ_CYCLES_KEPT;
        }
    };
    static final int READ_CYCLES_KEPT = 1024;
    /** The master data version {@link #readCycleByMeter} was filled at. */
    private long readCyclesVersion = Long.MIN_VALUE;
    /** Days kept before the correction horizon (see {@link VeeTopology.Rounds}). */
    private final int keepDaysBeforeHorizon;
    /**
     * Where versions before the newest day had a store of its own kept it: in the bounds store, under this key (NUL
     * sorts before every channel key). Taken out of the bounds store when the newest day is first read
     * ({@link #loadNewestDay}).
     */
    static final String FORMER_NEWEST_DAY_KEY = "\u0000newest-day";
    private static final LocalDate NO_DATA = LocalDate.of(1900, 1, 1);
    /** The newest local day of data received (epoch day; Long.MIN_VALUE: none yet); valid once loaded. */
    private long newestDay = Long.MIN_VALUE;
    private boolean newestDayLoaded;
    /**
     * Where the last round of each kind stopped (the last channel it reached; null: at the start): the next round goes
     * on after it, so that a round that stops at its bound loses nothing and no channel waits behind the others.
     */
    private ChannelKey evaluationCursor;
    private ChannelKey masterDataCursor;
    private boolean masterDataInRegisters;
    /** The instance's count of master data taken in, and when this task's check goes over its channels. */
    private final GlobalStoreVersion masterDataVersion;
    private final PassesOnChange masterDataPasses = new PassesOnChange();
    private ChannelKey pruneCursor;
    /** Input older than the kept days, not stored since the last report of it (one log line per pruning round). */
    private long beyondHorizonInputs;
    private String beyondHorizonExample;

    private ProcessorContext<String, SpecificRecord> context;
    /** Channel evaluations (metrics stream-vee-metrics: evaluations-total, evaluations-rate, per stream thread). */
    private Sensor evaluations;
    /** Channels compared with their master data (stream-vee-metrics: master-data-checks-total, -rate). */
    private Sensor masterDataChecks;
    private KeyValueStore<ChannelDayKey, StoredDay> days;
    private KeyValueStore<ChannelKey, StoredRegisters> registers;
    private KeyValueStore<ChannelKey, EditLog> edits;
    private KeyValueStore<ChannelDayKey, PublishedResult> published;
    private KeyValueStore<ChannelKey, DirtyRange> dirty;
    /** The clock quiet times are measured on: the wall clock without this thread's punctuations. */
    private InputClock inputClock;
    /** When this task last read a record (input clock). */
    private long lastInputAt;
    /** No dirty channel settles by stream time before the task's stream time reaches this (see {@link #nextDueAt}). */
    private long nextStreamDueAt = Long.MIN_VALUE;
    /** The timestamp of the record being processed. */
    private long inputTimestamp;
    private final LongSupplier punctuationNanos;
    private KeyValueStore<String, ChannelBounds> bounds;
    private KeyValueStore<String, NewestDay> newestDays;
    private KeyValueStore<ChannelKey, MasterDataDigest> masterDataSeen;
    private TimestampedKeyValueStore<String, MeterEvent> meters;
    private TimestampedKeyValueStore<String, ChannelEvent> channels;
    private TimestampedKeyValueStore<String, ScheduledReadDate> schedules;

    ChannelVeeProcessor(VeeTopology.Settings settings, ChannelEvaluation evaluation, int keepDaysBeforeHorizon,
                        LongSupplier punctuationNanos, GlobalStoreVersion masterDataVersion) {
        this.punctuationNanos = punctuationNanos;
        this.masterDataVersion = masterDataVersion;
        this.settings = settings;
        this.keepDaysBeforeHorizon = keepDaysBeforeHorizon;
        this.evaluation = evaluation;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        evaluations = context.metrics().addRateTotalSensor("vee", "channel-vee", "evaluations",
                Sensor.RecordingLevel.INFO);
        masterDataChecks = context.metrics().addRateTotalSensor("vee", "channel-vee", "master-data-checks",
                Sensor.RecordingLevel.INFO);
        days = context.getStateStore(VeeTopology.DAYS_STORE);
        registers = context.getStateStore(VeeTopology.REGISTERS_STORE);
        edits = context.getStateStore(VeeTopology.EDITS_STORE);
        published = context.getStateStore(VeeTopology.PUBLISHED_STORE);
        dirty = context.getStateStore(VeeTopology.DIRTY_STORE);
        bounds = context.getStateStore(VeeTopology.BOUNDS_STORE);
        masterDataSeen = context.getStateStore(VeeTopology.MASTER_DATA_SEEN_STORE);
        newestDays = context.getStateStore(VeeTopology.NEWEST_DAY_STORE);
        meters = context.getStateStore(VeeTopology.METERS_STORE);
        channels = context.getStateStore(VeeTopology.CHANNELS_STORE);
        schedules = context.getStateStore(VeeTopology.SCHEDULES_STORE);
        inputClock = new InputClock(punctuationNanos);
        lastInputAt = inputClock.now(context.currentSystemTimeMs());
        context.schedule(settings.evaluateEvery(), PunctuationType.WALL_CLOCK_TIME,
                t -> punctuate(() -> evaluateDue(t)));
        context.schedule(settings.masterDataCheckEvery(), PunctuationType.WALL_CLOCK_TIME,
                t -> punctuate(() -> checkMasterData(t)));
        context.schedule(settings.rounds().pruneEvery(), PunctuationType.WALL_CLOCK_TIME,
                t -> punctuate(() -> prune(t)));
    }

    private void punctuate(Runnable work) {
        loadNewestDay();
        inputClock.pause(work);
    }

    /**
     * The first read date (period end) a correction still reaches: older periods are final. The horizon is counted back
     * from the data's today: the newest day of data this task has received, but not later than the wall clock's date
     * (a reading dated in the future moves nothing). So a history fed in quickly (a migration, ./mdma soak) or an old
     * acceptance package is evaluated as it would have been in its time, not dropped because the wall clock is past it.
     */
    private LocalDate horizon(long wallClockMs) {
        if (newestDay == Long.MIN_VALUE) {
            return NO_DATA;
        }
        long today = LocalGrid.localDate(Instant.ofEpochMilli(wallClockMs)).toEpochDay();
        return LocalDate.ofEpochDay(Math.min(newestDay, today)).minusDays(settings.rounds().correctionHorizonDays());
    }

    /** Data of {@code day} received: it may move the data's today (see {@link #horizon}). */
    private void received(LocalDate day) {
        long d = day.toEpochDay();
        if (d > newestDay) {
            newestDay = d;
            newestDays.put(NewestDay.KEY, new NewestDay(d));
        }
    }

    /**
     * Reads the newest day from its store once, before the first record or punctuation uses the stores (not in init,
     * so that a test can set up the state of an earlier version first). A task whose store has none may run on the
     * state of an earlier version, which kept the newest day in the bounds store: that entry is deleted (unread: it
     * is no channel's bounds) and the day derived from what the task stores, the newest interval end of any channel
     * and the newest register reading, as {@link #storeBlock} and {@link #process} take it from the input. A task
     * with no data stores nothing.
     */
    private void loadNewestDay() {
        if (newestDayLoaded) {
            return;
        }
        newestDayLoaded = true;
        NewestDay stored = newestDays.get(NewestDay.KEY);
        if (stored != null) {
            newestDay = stored.epochDay();
            return;
        }
        bounds.put(FORMER_NEWEST_DAY_KEY, null);
        long newest = Long.MIN_VALUE;
        try (KeyValueIterator<String, ChannelBounds> it = bounds.all()) {
            while (it.hasNext()) {
                newest = Math.max(newest, LocalGrid.dayOf(it.next().value.last()).toEpochDay());
            }
        }
        try (KeyValueIterator<ChannelKey, StoredRegisters> it = registers.all()) {
            while (it.hasNext()) {
                TreeMap<Long, Long> readings = it.next().value.readings;
                if (!readings.isEmpty()) {
                    newest = Math.max(newest,
                            LocalGrid.localDate(Instant.ofEpochMilli(readings.lastKey())).toEpochDay());
                }
            }
        }
        if (newest != Long.MIN_VALUE) {
            newestDay = newest;
            newestDays.put(NewestDay.KEY, new NewestDay(newest));
            LOG.infof("the newest day of data, kept in the bounds store by earlier versions, is now in %s: %s",
                    VeeTopology.NEWEST_DAY_STORE, LocalDate.ofEpochDay(newest));
        }
    }

    /** The first day whose input is kept at {@code wallClockMs} (what evaluating the periods inside the horizon reads). */
    private LocalDate keepFrom(long wallClockMs) {
        return horizon(wallClockMs).minusDays(keepDaysBeforeHorizon);
    }

    private void beyondHorizon(String what) {
        if (beyondHorizonInputs++ == 0) {
            beyondHorizonExample = what;
        }
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        loadNewestDay();
        lastInputAt = inputClock.now(context.currentSystemTimeMs());
        inputTimestamp = record.timestamp();
        SpecificRecord v = record.value();
        if (v instanceof IntervalBlock b) {
            if (!b.getValues().isEmpty()) {
                storeBlock(b);
            }
        } else if (v instanceof RegisterReading r) {
            ChannelKey key = new ChannelKey(r.getMeterId(), r.getChannel());
            LocalDate day = LocalGrid.localDate(r.getReadTime());
            received(day);
            if (day.isBefore(keepFrom(context.currentSystemTimeMs()))) {
                beyondHorizon("meter " + r.getMeterId() + " channel " + r.getChannel() + " reading of " + day);
                return;
            }
            StoredRegisters stored = StoredRegisters.orEmpty(registers.get(key));
            stored.readings.put(r.getReadTime().toEpochMilli(), r.getReading());
            registers.put(key, stored);
            markInput(key, day, day, r.getSource().getType());
        } else if (v instanceof ManualEdit e) {
            ChannelKey key = new ChannelKey(e.getMeterId(), e.getChannel());
            EditLog log = editLog(key);
            EditLog.Entry changed = log.apply(e);
            if (changed != null) {
                edits.put(key, log);
                // an operator waits for it: evaluated at the next punctuation, not after the settle wait
                markDirty(key, DirtyRange.at(context.currentSystemTimeMs(), changed.firstDay(), changed.lastDay()));
            }
        }
    }

    private void storeBlock(IntervalBlock b) {
        ChannelKey channel = new ChannelKey(b.getMeterId(), b.getChannel());
        String channelKey = channel.format();
        int minutes = b.getIntervalMinutes();
        long first = b.getFirstIntervalEnd().toEpochMilli();
        long step = minutes * 60_000L;
        int scale = b.getValueScale();
        Map<LocalDate, StoredDay> touched = new HashMap<>();
        long[] values = PrimitiveArrays.toLongs(b.getValues());
        int[] statuses = PrimitiveArrays.toInts(b.getStatuses());
        boolean gridChanged = false;
        LocalDate day = null;
        long dayEnd = Long.MIN_VALUE; // end (epoch millis, exclusive of the next day) of the current day
        StoredDay d = null;
        long dayStart = 0;
        // days before the kept ones are beyond what a correction reaches: not stored (they would be pruned)
        received(LocalGrid.dayOf(Instant.ofEpochMilli(first + (values.length - 1) * step)));
        long keepFromMs = LocalGrid.startOfDay(keepFrom(context.currentSystemTimeMs())).toEpochMilli();
        ChannelBounds old = channelBounds(channelKey);
        // the bounds cover every stored day: a day after the channel's last stored interval has nothing to merge with
        // (input arrives in time order as a rule: this spares most blocks a read of the days store that finds nothing)
        long storedUntilMs = old == null ? Long.MIN_VALUE : old.lastEnd() * 1000;
        int stored = 0;
        for (int i = 0; i < values.length; i++) {
            long endMs = first + i * step;
            if (endMs <= keepFromMs) {
                continue;
            }
            stored++;
            if (d == null || endMs <= dayStart || endMs > dayEnd) {
                Instant end = Instant.ofEpochMilli(endMs);
                day = LocalGrid.dayOf(end);
                dayStart = LocalGrid.startOfDay(day).toEpochMilli();
                dayEnd = LocalGrid.startOfDay(day.plusDays(1)).toEpochMilli();
                d = touched.get(day);
                if (d == null) {
                    d = dayStart < storedUntilMs ? days.get(new ChannelDayKey(channelKey, day)) : null;
                    if (d == null) {
                        d = StoredDay.empty(day, minutes);
                    }
                    if (d.values.length != LocalGrid.intervalsPerDay(day, minutes)) {
                        d = StoredDay.empty(day, minutes); // interval length changed: the new grid wins
                        gridChanged = true;
                    }
                    touched.put(day, d);
                }
            }
            long offset = endMs - dayStart;
            if (offset % step != 0) {
                throw new IllegalArgumentException("interval end " + Instant.ofEpochMilli(endMs) + " is not on the "
                        + minutes + "-minute grid");
            }
            long raw = rescale(values[i], scale);
            d.set((int) (offset / step) - 1, raw, statuses[i]);
        }
        LocalDate min = null;
        LocalDate max = null;
        for (Map.Entry<LocalDate, StoredDay> e : touched.entrySet()) {
            days.put(new ChannelDayKey(channelKey, e.getKey()), e.getValue());
            min = min == null || e.getKey().isBefore(min) ? e.getKey() : min;
            max = max == null || e.getKey().isAfter(max) ? e.getKey() : max;
        }
        if (stored < values.length) {
            beyondHorizon("meter " + b.getMeterId() + " channel " + b.getChannel() + " " + (values.length - stored)
                    + " intervals from " + Instant.ofEpochMilli(first));
            if (stored == 0) {
                return;
            }
        }
        long firstEnd = (first + (values.length - stored) * step) / 1000;
        long lastEnd = (first + (values.length - 1) * step) / 1000;
        ChannelBounds now = gridChanged ? scanBounds(channelKey)
                : old == null ? new ChannelBounds(firstEnd, lastEnd) : old.include(firstEnd, lastEnd);
        if (!now.equals(old)) {
            bounds.put(channelKey, now);
        }
        SourceType source = b.getSource().getType();
        DirtyRange mark = inputMark(min, max, source);
        // the block goes on where the channel's data ended (no gap before it): sent in time order
        boolean continues = old != null && (first - step) / 1000 <= old.lastEnd();
        if (source == SourceType.HEADEND && continues
                && reachesAReadPeriodsEnd(channel.meterId(), old.lastEnd(), now.lastEnd())) {
            // a head-end sends a channel's intervals in time order: once they reach the end of a read period, what
            // it has of that period has arrived (a gap before it is data the head-end does not have). The channel is
            // evaluated at the next punctuation instead of after the quiet time: its input still counts as arriving
            // there, so the periods behind the data are published and those beyond them wait for the quiet time
            // (ArrivalEdge), as at the cap. A block that does not continue the channel's data (its first one, or one
            // after a gap: a backlog sent newest first, say) waits for the quiet time
            mark = mark.merge(DirtyRange.at(context.currentSystemTimeMs(), min, max));
        }
        markDirty(channel, mark);
    }

    /**
     * Whether the channel's last received interval end (epoch seconds) moved from {@code from} to {@code to} across the
     * end of one of its meter's read periods: local midnight starting a read date R that follows another read date
     * (P(R) is the days R', ..., R-1: vee-rules.md; the first read date of a cycle closes no period). False when the
     * meter or its read dates are not known yet: then the quiet time alone decides.
     */
    private boolean reachesAReadPeriodsEnd(String meterId, long from, long to) {
        if (to <= from) {
            return false; // data within what had arrived (a re-send, a correction): settles by the quiet time
        }
        String cycle = readCycleOf(meterId);
        if (cycle == null) {
            return false;
        }
        List<LocalDate> readDates = readDatesByCycle.computeIfAbsent(cycle, this::readDates);
        // the first read date whose period ends after `from` (the day of `from` is R-1 or earlier)
        int i = Collections.binarySearch(readDates, LocalGrid.dayOf(Instant.ofEpochSecond(from)));
        for (i = Math.max(1, i < 0 ? -i - 1 : i); i < readDates.size(); i++) {
            long periodEnd = LocalGrid.startOfDay(readDates.get(i)).getEpochSecond();
            if (periodEnd > from) {
                return periodEnd <= to;
            }
        }
        return false;
    }

    /** The meter's read cycle, or null while the meter is not known (see {@link #readCycleByMeter}). */
    private String readCycleOf(String meterId) {
        long version = masterDataVersion.current();
        if (version != readCyclesVersion) {
            readCycleByMeter.clear();
            readCyclesVersion = version;
        }
        String cycle = readCycleByMeter.get(meterId);
        if (cycle == null) {
            MeterEvent meter = value(meters.get(meterId));
            if (meter == null) {
                return null;
            }
            cycle = meter.getReadCycle();
            readCycleByMeter.put(meterId, cycle);
        }
        return cycle;
    }

    /** The bounds from every stored day of the channel (after a change of its interval length). */
    private ChannelBounds scanBounds(String channelKey) {
        long firstEnd = Long.MAX_VALUE;
        long lastEnd = Long.MIN_VALUE;
        try (KeyValueIterator<ChannelDayKey, StoredDay> it = days.prefixScan(ChannelDayKey.prefix(channelKey),
                new StringSerializer())) {
            while (it.hasNext()) {
                StoredDay d = it.next().value;
                int im = (int) (LocalGrid.intervalsPerDay(d.day, 60) * 60L / d.values.length);
                int f = d.firstPresent();
                if (f >= 0) {
                    firstEnd = Math.min(firstEnd, LocalGrid.endOf(d.day, f, im).getEpochSecond());
                    lastEnd = Math.max(lastEnd, LocalGrid.endOf(d.day, d.lastPresent(), im).getEpochSecond());
                }
            }
        }
        return new ChannelBounds(firstEnd, lastEnd);
    }

    private static long rescale(long value, int scale) {
        if (scale == StoredDay.SCALE) {
            return value;
        }
        return BigDecimal.valueOf(value, scale).setScale(StoredDay.SCALE).unscaledValue().longValueExact();
    }

    /**
     * New input on the days [from, to] of a channel: it is evaluated once its input settles (the quiet time of its
     * source: a head-end's is shorter than a file's; the later quiet time wins when both arrive).
     */
    private void markInput(ChannelKey channel, LocalDate from, LocalDate to, SourceType source) {
        markDirty(channel, inputMark(from, to, source));
    }

    /** The mark of new input on the days [from, to]: see {@link #markInput}. */
    private DirtyRange inputMark(LocalDate from, LocalDate to, SourceType source) {
        long now = context.currentSystemTimeMs();
        return DirtyRange.input(now, inputClock.now(now), inputTimestamp, settings.settleQuiet(source),
                settings.settleMax(), from, to);
    }

    /** Marks days of a channel for evaluation (merging with its pending mark: see {@link DirtyRange#merge}). */
    private void markDirty(ChannelKey channel, DirtyRange range) {
        DirtyRange current = dirty.get(channel);
        DirtyRange merged = range.merge(current);
        if (!merged.equals(current)) {
            dirty.put(channel, merged);
            nextDueAt = Math.min(nextDueAt, merged.evaluateAt());
            nextStreamDueAt = Math.min(nextStreamDueAt, merged.streamDueAt());
        }
    }

    /**
     * An evaluation round: the dirty channels that are due, at most channelsPerRound of them and for about roundTime
     * (one transaction), from the channel after the one the last round reached; the others stay marked and follow in
     * the next rounds.
     */
    private void evaluateDue(long wallClockMs) {
        long streamNow = context.currentStreamTimeMs();
        if (wallClockMs < nextDueAt && streamNow < nextStreamDueAt) {
            return;
        }
        long started = System.nanoTime();
        long inputNow = inputClock.now(wallClockMs);
        DirtyRange.Input input = new DirtyRange.Input(inputNow, streamNow,
                inputNow - lastInputAt >= settings.settleQuietHeadEnd().toMillis());
        int max = settings.rounds().channelsPerRound();
        List<KeyValue<ChannelKey, DirtyRange>> due = new ArrayList<>();
        long next = Long.MAX_VALUE;
        long nextStream = Long.MAX_VALUE;
        boolean more = false;
        ChannelKey cursor = evaluationCursor;
        scan:
        for (int pass = 0; pass < (cursor == null ? 1 : 2); pass++) {
            // after the cursor first, then from the first channel up to it
            try (KeyValueIterator<ChannelKey, DirtyRange> it = pass == 0 ? after(dirty, cursor)
                    : dirty.range(null, cursor)) {
                while (it.hasNext()) {
                    KeyValue<ChannelKey, DirtyRange> kv = it.next();
                    DirtyRange r = kv.value;
                    if (r.isDue(wallClockMs, input)) {
                        if (due.size() == max) {
                            more = true;
                            break scan;
                        }
                        due.add(KeyValue.pair(kv.key, r));
                    } else {
                        next = Math.min(next, r.evaluateAt(wallClockMs - inputNow));
                        nextStream = Math.min(nextStream, r.streamDueAt());
                    }
                }
            }
        }
        // the evaluations below lower it again with their marks (deadlines, deferred periods); a round that stopped
        // early has the next punctuation scan again
        nextDueAt = more ? Long.MIN_VALUE : next;
        nextStreamDueAt = more ? Long.MIN_VALUE : nextStream;
        readDatesByCycle.clear();
        long maxNanos = settings.rounds().roundTime().toNanos();
        int evaluated = 0;
        for (KeyValue<ChannelKey, DirtyRange> kv : due) {
            if (evaluated > 0 && System.nanoTime() - started > maxNanos) {
                more = true;
                nextDueAt = Long.MIN_VALUE;
                break;
            }
            dirty.delete(kv.key);
            evaluate(kv.key, kv.value, wallClockMs, input);
            evaluationCursor = kv.key;
            evaluated++;
        }
        if (more) {
            LOG.infof("evaluation round: %d channels evaluated in %d ms, the others that are due in the next rounds",
                    evaluated, (System.nanoTime() - started) / 1_000_000);
        }
    }

    private void evaluate(ChannelKey channel, DirtyRange range, long nowMs, DirtyRange.Input input) {
        Instant now = Instant.ofEpochMilli(nowMs);
        String channelKey = channel.format();
        MeterEvent meter = value(meters.get(channel.meterId()));
        ChannelEvent ch = value(channels.get(channelKey));
        if (meter == null || ch == null) {
            // master data not here yet (the global tables are read concurrently): try again shortly
            markDirty(channel, new DirtyRange(nowMs + settings.evaluateEvery().toMillis(), range.quietAt(),
                    range.quietStreamAt(), range.capAt(), range.fromDay(), range.toDay()));
            return;
        }
        evaluations.record();
        List<LocalDate> readDates = readDatesByCycle.computeIfAbsent(meter.getReadCycle(), this::readDates);
        ChannelBounds b = channelBounds(channelKey);
        ChannelEvaluation.Outcome outcome = evaluation.evaluate(meter, ch, readDates, storedDays(days::get, channelKey, b),
                b == null ? null : b.first(), b == null ? null : b.last(),
                StoredRegisters.orEmpty(registers.get(channel)).toReadings(), editLog(channel), now, range.from(),
                range.to());
        // while the input is still arriving (evaluated at the cap or at a deadline), the periods that reach beyond
        // the arrived data are interim: they are not published now but once the input is quiet (ArrivalEdge)
        boolean arriving = range.arriving(input);
        // periods beyond the correction horizon are final: never published again (their state is pruned)
        LocalDate horizon = horizon(nowMs);
        Set<LocalDate> deferred = new HashSet<>();
        long deferFrom = Long.MAX_VALUE;
        long deferTo = Long.MIN_VALUE;
        for (ChannelPeriodResult r : outcome.results()) {
            if (r.getPeriodEnd().isBefore(horizon)) {
                continue;
            }
            if (arriving && outcome.beyondData().contains(r.getPeriodEnd())) {
                deferred.add(r.getPeriodEnd());
                deferFrom = Math.min(deferFrom, r.getPeriodStart().toEpochDay());
                deferTo = Math.max(deferTo, r.getPeriodEnd().toEpochDay() - 1);
                continue;
            }
            PeriodState before = publishIfChanged(r, now);
            if (before == PeriodState.HELD && r.getState() != PeriodState.HELD) {
                // the held period is no longer held (the data or an edit arrived): its exception resolves
                context.forward(new Record<>(channelKey, resolvedException(meter, r, now), nowMs),
                        VeeTopology.EXCEPTIONS_SINK);
            }
        }
        for (VeeException e : outcome.exceptions()) {
            if (!deferred.contains(e.getPeriodEnd())
                    && (e.getPeriodEnd() == null || !e.getPeriodEnd().isBefore(horizon))) {
                context.forward(new Record<>(channelKey, e, nowMs), VeeTopology.EXCEPTIONS_SINK);
            }
        }
        if (!deferred.isEmpty()) {
            // evaluated again when the input is quiet (or at a new cap if it goes on arriving)
            markDirty(channel, new DirtyRange(DirtyRange.NONE, range.quietAt(), range.quietStreamAt(),
                    nowMs + settings.settleMax().toMillis(), deferFrom, Math.max(deferFrom, deferTo)));
        }
        if (outcome.nextDeadline() != null) {
            markDirty(channel, DirtyRange.at(outcome.nextDeadline().toEpochMilli(), outcome.pendingFrom(),
                    outcome.pendingTo()));
        }
        MasterDataDigest used = new MasterDataDigest(fingerprint.of(meter, ch, readDates));
        if (!used.equals(masterDataSeen.get(channel))) {
            masterDataSeen.put(channel, used);
        }
    }

    /**
     * The channel's stored days for the engine. A day outside the channel's data (before its first or after its last
     * received interval, e.g. the like-day look-back before its first day) is answered without reading the store:
     * nothing is stored there.
     */
    static DaySource storedDays(Function<ChannelDayKey, StoredDay> store, String channelKey, ChannelBounds b) {
        if (b == null) {
            return day -> null;
        }
        long first = LocalGrid.dayOf(b.first()).toEpochDay();
        long last = LocalGrid.dayOf(b.last()).toEpochDay();
        return day -> {
            long d = day.toEpochDay();
            if (d < first || d > last) {
                return null;
            }
            StoredDay stored = store.apply(new ChannelDayKey(channelKey, day));
            return stored == null ? null : stored.toBlock();
        };
    }

    private List<LocalDate> readDates(String cycle) {
        List<LocalDate> readDates = new ArrayList<>();
        try (KeyValueIterator<String, ValueAndTimestamp<ScheduledReadDate>> it =
                     schedules.prefixScan(ScheduleKey.cyclePrefix(cycle), new StringSerializer())) {
            while (it.hasNext()) {
                readDates.add(it.next().value.value().getReadDate());
            }
        }
        readDates.sort(null);
        return readDates;
    }

    /**
     * Master data arrive on global tables, concurrently with the readings, and change later (a new read date,
     * a corrected multiplier): every channel of this task whose meter, channel or read dates differ from what
     * its last evaluation used is evaluated again over all its days. Without this, a register-only channel
     * evaluated before its schedule arrived would never get its periods. The channels are gone over (a slice per
     * round) only once master data arrived since the last complete pass began ({@link PassesOnChange}): while the
     * master data stay as they are, the check costs nothing, however many channels the task holds.
     */
    private void checkMasterData(long wallClockMs) {
        if (!masterDataPasses.due(masterDataVersion.current())) {
            return; // no master data arrived since the last complete pass began: every channel was looked at since
        }
        readDatesByCycle.clear();
        // a slice per round: the interval channels (bounds), then the register channels, from where the last round
        // stopped (a channel with both is looked at twice per pass: the second look finds it marked or unchanged)
        List<ChannelKey> slice = new ArrayList<>();
        int max = settings.rounds().channelsPerRound();
        for (int store = 0; store < 2 && slice.size() < max && masterDataPasses.underWay(); store++) {
            boolean more;
            if (masterDataInRegisters) {
                try (KeyValueIterator<ChannelKey, StoredRegisters> it = after(registers, masterDataCursor)) {
                    while (it.hasNext() && slice.size() < max) {
                        slice.add(it.next().key);
                    }
                    more = it.hasNext();
                }
            } else {
                try (KeyValueIterator<String, ChannelBounds> it = masterDataCursor == null ? bounds.all()
                        : bounds.range(masterDataCursor.format() + "\u0000", null)) {
                    while (it.hasNext() && slice.size() < max) {
                        slice.add(ChannelKey.parse(it.next().key));
                    }
                    more = it.hasNext();
                }
            }
            if (more) {
                masterDataCursor = slice.get(slice.size() - 1);
            } else {
                masterDataCursor = null;
                if (masterDataInRegisters) {
                    masterDataPasses.completed(); // the bounds, then the registers: every channel of the pass
                }
                masterDataInRegisters = !masterDataInRegisters;
            }
        }
        for (ChannelKey channel : slice) {
            masterDataChecks.record();
            MeterEvent meter = value(meters.get(channel.meterId()));
            ChannelEvent ch = value(channels.get(channel.format()));
            if (meter == null || ch == null) {
                continue; // evaluated (and retried) once they arrive
            }
            List<LocalDate> dates = readDatesByCycle.computeIfAbsent(meter.getReadCycle(), this::readDates);
            MasterDataDigest now = new MasterDataDigest(fingerprint.of(meter, ch, dates));
            MasterDataDigest seen = masterDataSeen.get(channel);
            if (now.equals(seen)) {
                continue;
            }
            if (seen != null
                    && seen.equals(new MasterDataDigest(ChannelMasterDataFingerprint.former(meter, ch, dates)))) {
                masterDataSeen.put(channel, now); // stored by a former version, same master data
                continue;
            }
            DirtyRange all = allDays(channel);
            if (all != null) {
                // due at once; but a channel whose input is settling is evaluated then, with the master data of
                // that moment: only its days are widened (re-marking it as new input would push its quiet time at
                // every check and hold it until the cap)
                DirtyRange current = dirty.get(channel);
                long due = current != null && current.hasInput() ? DirtyRange.NONE : 0L;
                markDirty(channel, new DirtyRange(due, 0L, 0L, DirtyRange.NONE, all.fromDay(), all.toDay()));
            }
        }
    }

    /**
     * A pruning round: for up to channelsPerRound channels (those evaluated so far, in key order from where the last
     * round stopped) and about roundTime, the state beyond the correction horizon is deleted: the published periods that
     * ended before the horizon (final), and the days, register readings and edits before the kept days. A channel left
     * with nothing is forgotten. Over its passes the whole state stays within the horizon and the kept days, so that a
     * restore after an unclean stop does not replay everything ever held.
     */
    private void prune(long wallClockMs) {
        long started = System.nanoTime();
        LocalDate horizon = horizon(wallClockMs);
        LocalDate keepFrom = keepFrom(wallClockMs);
        List<ChannelKey> slice = new ArrayList<>();
        boolean more;
        try (KeyValueIterator<ChannelKey, MasterDataDigest> it = after(masterDataSeen, pruneCursor)) {
            while (it.hasNext() && slice.size() < settings.rounds().channelsPerRound()) {
                slice.add(it.next().key);
            }
            more = it.hasNext();
        }
        long maxNanos = settings.rounds().roundTime().toNanos();
        long deleted = 0;
        int pruned = 0;
        for (ChannelKey channel : slice) {
            if (pruned > 0 && System.nanoTime() - started > maxNanos) {
                more = true;
                break;
            }
            deleted += pruneChannel(channel, horizon, keepFrom);
            pruneCursor = channel;
            pruned++;
        }
        if (!more) {
            pruneCursor = null; // the next round starts a new pass
        }
        if (deleted > 0) {
            LOG.infof("pruning round: %d records beyond the correction horizon (periods ending before %s, input before %s)"
                    + " deleted from %d channels", deleted, horizon, keepFrom, pruned);
        }
        if (beyondHorizonInputs > 0) {
            LOG.warnf("%d inputs were older than %s and were not stored (e.g. %s): they are beyond the correction "
                    + "horizon (mdma.correction-horizon-days=%d before %s), whose periods are final. A correction that "
                    + "old is made outside the MDMA (the archive keeps the files posted then)", beyondHorizonInputs,
                    keepFrom, beyondHorizonExample, settings.rounds().correctionHorizonDays(), horizon);
            beyondHorizonInputs = 0;
            beyondHorizonExample = null;
        }
    }

    /** Deletes a channel's state beyond the horizon; returns the records deleted. */
    private long pruneChannel(ChannelKey channel, LocalDate horizon, LocalDate keepFrom) {
        String channelKey = channel.format();
        String prefix = ChannelDayKey.prefix(channelKey);
        long deleted = 0;
        List<ChannelDayKey> oldDays = datedKeys(days, channelKey, keepFrom);
        oldDays.forEach(days::delete);
        deleted += oldDays.size();
        boolean hasDays = bounds.get(channelKey) != null;
        if (!oldDays.isEmpty()) {
            ChannelBounds b = scanBounds(channelKey);
            hasDays = b.firstEnd() <= b.lastEnd();
            if (hasDays) {
                bounds.put(channelKey, b);
            } else {
                bounds.delete(channelKey);
            }
        }
        List<ChannelDayKey> finalPeriods = datedKeys(published, channelKey, horizon);
        finalPeriods.forEach(published::delete);
        deleted += finalPeriods.size();
        StoredRegisters stored = StoredRegisters.orEmpty(registers.get(channel));
        TreeMap<Long, Long> readings = stored.readings;
        int before = readings.size();
        readings.headMap(LocalGrid.startOfDay(keepFrom).toEpochMilli()).clear();
        if (readings.size() < before) {
            deleted += before - readings.size();
            if (readings.isEmpty()) {
                registers.delete(channel);
            } else {
                registers.put(channel, stored);
            }
        }
        EditLog log = edits.get(channel);
        boolean hasEdits = log != null;
        if (hasEdits) {
            int n = log.entries.size();
            if (log.entries.values().removeIf(e -> e.lastDay().isBefore(keepFrom))) {
                deleted += n - log.entries.size();
                hasEdits = !log.entries.isEmpty();
                if (hasEdits) {
                    edits.put(channel, log);
                } else {
                    edits.delete(channel);
                }
            }
        }
        if (!hasDays && readings.isEmpty() && !hasEdits && dirty.get(channel) == null) {
            boolean hasPublished;
            try (KeyValueIterator<ChannelDayKey, PublishedResult> it = published.prefixScan(prefix,
                    new StringSerializer())) {
                hasPublished = it.hasNext();
            }
            if (!hasPublished) {
                masterDataSeen.delete(channel); // nothing left within the horizon: the channel is forgotten
                deleted++;
            }
        }
        return deleted;
    }

    /** The keys of a channel's dated state in {@code store} whose date is before {@code before} (they sort by date). */
    private static List<ChannelDayKey> datedKeys(KeyValueStore<ChannelDayKey, ?> store, String channelKey,
                                                 LocalDate before) {
        List<ChannelDayKey> keys = new ArrayList<>();
        try (KeyValueIterator<ChannelDayKey, ?> it = store.range(new ChannelDayKey(channelKey, ChannelDayKey.FIRST),
                new ChannelDayKey(channelKey, before.minusDays(1)))) {
            while (it.hasNext()) {
                ChannelDayKey key = it.next().key;
                // only this channel's dates (a meter id holding ':' could put another channel's keys in the range)
                if (key.of(channelKey)) {
                    keys.add(key);
                }
            }
        }
        return keys;
    }

    /** Every day of a channel's data: from its first to its last interval, and its register readings. */
    private DirtyRange allDays(ChannelKey channel) {
        LocalDate from = null;
        LocalDate to = null;
        ChannelBounds b = channelBounds(channel.format());
        if (b != null) {
            from = LocalGrid.dayOf(b.first());
            to = LocalGrid.dayOf(b.last());
        }
        TreeMap<Long, Long> readings = StoredRegisters.orEmpty(registers.get(channel)).readings;
        if (!readings.isEmpty()) {
            LocalDate first = LocalGrid.localDate(Instant.ofEpochMilli(readings.firstKey()));
            LocalDate last = LocalGrid.localDate(Instant.ofEpochMilli(readings.lastKey()));
            from = from == null || first.isBefore(from) ? first : from;
            to = to == null || last.isAfter(to) ? last : to;
        }
        return from == null ? null : DirtyRange.at(0L, from, to);
    }

    static VeeException resolvedException(MeterEvent meter, ChannelPeriodResult r, Instant now) {
        return VeeException.newBuilder().setCode("ESTIMATION_FAILED").setMeterId(r.getMeterId())
                .setChannel(r.getChannel()).setServiceAccount(r.getServiceAccount())
                .setPeriodStart(r.getPeriodStart()).setPeriodEnd(r.getPeriodEnd())
                .setUdcId(meter.getUdcId()).setEspId(meter.getEspId())
                .setFailurePoints(new HashMap<>(r.getFailurePoints()))
                .setMessage("Channel-period " + r.getPeriodStart() + ".." + r.getPeriodEnd() + " of meter "
                        + r.getMeterId() + " channel " + r.getChannel() + " is no longer held: "
                        + r.getState() + " in version " + r.getVersion() + ".")
                .setRaisedAt(now).setResolved(true).setResolvedAt(now).setResolvedBy("vee")
                .setResolution("version " + r.getVersion() + " is " + r.getState() + " (changed by "
                        + r.getChangedBy() + ": " + (r.getChangeReason() == null ? "new data" : r.getChangeReason()) + ")")
                .build();
    }

    /** Publishes the result when it differs from the one published last; returns the state of that one (null: none, or no change). */
    private PeriodState publishIfChanged(ChannelPeriodResult r, Instant now) {
        ChannelDayKey key = new ChannelDayKey(Topics.channelKey(r.getMeterId(), r.getChannel()), r.getPeriodEnd());
        // the store keeps a compact snapshot of what ResultDiff compares (PublishedResult), not the Avro record
        PublishedResult old = published.get(key);
        ResultDiff.Change change = ResultDiff.compare(old, r);
        if (!change.changed()) {
            return null;
        }
        r.setVersion(old == null ? 1 : old.version + 1);
        r.setChangedIntervals(change.changedIntervals());
        if (old != null) {
            // every change keeps the earlier value (vee-rules.md section 6)
            List<Long> prevUsage = new ArrayList<>(change.changedIntervals().size());
            List<Integer> prevQuality = new ArrayList<>(change.changedIntervals().size());
            for (int i : change.changedIntervals()) {
                prevUsage.add(old.usage[i]);
                prevQuality.add(old.quality[i]);
            }
            r.setPreviousUsage(prevUsage);
            r.setPreviousQuality(prevQuality);
            r.setPreviousTotal(old.total);
        }
        if (r.getChangeReason() == null) {
            r.setChangeReason(old == null ? "first result" : change.description());
        }
        published.put(key, PublishedResult.of(r));
        context.forward(new Record<>(r.getServiceAccount(), r, now.toEpochMilli()), VeeTopology.RESULTS_SINK);
        if (LOG.isDebugEnabled()) {
            LOG.debugf("published %s version %d (%s)", key, r.getVersion(), r.getState());
        }
        return old == null ? null : old.state();
    }

    /** The channel's interval bounds (null: no intervals stored). */
    private ChannelBounds channelBounds(String channelKey) {
        return bounds.get(channelKey);
    }

    /** The channel's manual edits (empty: none stored). */
    private EditLog editLog(ChannelKey channel) {
        EditLog log = edits.get(channel);
        return log == null ? new EditLog() : log;
    }

    /** The entries of a store keyed by channel after {@code cursor} (null: from the first), in key order. */
    private static <V> KeyValueIterator<ChannelKey, V> after(KeyValueStore<ChannelKey, V> store, ChannelKey cursor) {
        if (cursor == null) {
            return store.all();
        }
        KeyValueIterator<ChannelKey, V> it = store.range(cursor, null);
        if (it.hasNext() && it.peekNextKey().equals(cursor)) {
            it.next();
        }
        return it;
    }

    private static <T> T value(ValueAndTimestamp<T> v) {
        return v == null ? null : v.value();
    }
}
