package energy.mdma.ingest.parse;

import energy.mdma.ingest.model.MeterInfo;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * The checks of input-formats.md section 1 applied to head-end events (section 3), with the same code and the
 * same reasons as the file parsers ({@link ReadingChecks}): known meter and channel, interval meter, interval
 * length equal to the meter's, every end on the meter's grid, nothing more than the tolerance ahead of the clock.
 * Head-end times are instants (no offset to check); they must be whole minutes (interval ends) or whole seconds
 * (read times). Thread-safe: each call has its own state.
 */
public final class HeadEndChecks {
    private final MasterDataView view;
    private final Clock clock;
    private final ParserOptions options;

    public HeadEndChecks(MasterDataView view, Clock clock) {
        this(view, clock, ParserOptions.defaults());
    }

    public HeadEndChecks(MasterDataView view, Clock clock, ParserOptions options) {
        this.view = Objects.requireNonNull(view);
        this.clock = Objects.requireNonNull(clock);
        this.options = Objects.requireNonNull(options);
    }

    /**
     * Why a block of {@code count} consecutive intervals is refused, or empty when it is fine.
     *
     * @param firstEndMillis end of the first interval, epoch milliseconds
     */
    public Optional<String> checkIntervals(String meterId, int channel, int intervalMinutes, long firstEndMillis,
            int count) {
        ReadingChecks checks = new ReadingChecks(view, options, clock);
        try {
            MeterInfo meter = checks.meter(meterId);
            checks.channel(meter, channel);
            checks.intervalMeter(meter, "send its register readings as RegisterReading events");
            checks.intervalLength(meter, intervalMinutes, "intervalMinutes " + intervalMinutes);
            if (count < 1) {
                throw new RowReject("the block has no values");
            }
            if (firstEndMillis % 60_000 != 0) {
                throw new RowReject("firstIntervalEnd " + java.time.Instant.ofEpochMilli(firstEndMillis)
                        + " is not a whole minute");
            }
            long first = firstEndMillis / 1000;
            // the grid is wall-clock minutes past midnight; offsets change by whole hours, so a run of intervals
            // of the meter's length stays on the grid once its first end is on it. The last end is the latest.
            long last = first + (count - 1L) * intervalMinutes * 60L;
            int problem = checks.intervalEnd(meter, first);
            if (problem == ReadingChecks.OFF_GRID) {
                throw checks.rejection(problem, meter, first, "firstIntervalEnd " + checks.times.local(first));
            }
            if (problem == ReadingChecks.OK) {
                problem = checks.intervalEnd(meter, last);
            }
            if (problem != ReadingChecks.OK) {
                throw checks.rejection(problem, meter, last, "interval end " + checks.times.local(last)
                        + " (value " + count + " of the block)");
            }
            return Optional.empty();
        } catch (RowReject e) {
            return Optional.of(e.getMessage());
        }
    }

    /** Why a register reading is refused, or empty when it is fine. */
    public Optional<String> checkRegister(String meterId, int channel, long readTimeMillis, long reading) {
        ReadingChecks checks = new ReadingChecks(view, options, clock);
        try {
            MeterInfo meter = checks.meter(meterId);
            checks.channel(meter, channel);
            if (readTimeMillis % 1000 != 0) {
                throw new RowReject("readTime " + java.time.Instant.ofEpochMilli(readTimeMillis)
                        + " has fractions of a second");
            }
            if (reading < 0) {
                throw new RowReject("reading " + reading + " is negative");
            }
            long at = readTimeMillis / 1000;
            if (checks.readTime(at) != ReadingChecks.OK) {
                throw checks.rejection(ReadingChecks.AHEAD, meter, at, "readTime " + checks.times.local(at));
            }
            return Optional.empty();
        } catch (RowReject e) {
            return Optional.of(e.getMessage());
        }
    }
}
