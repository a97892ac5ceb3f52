package energy.mdma.ingest.parse;

import energy.mdma.ingest.model.ChannelInfo;
import energy.mdma.ingest.model.MeterInfo;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The checks every reading passes, whichever way it arrives (intervals.csv, registers.csv, CMEP, head-end event):
 * known meter, known channel, interval meter for interval values, the interval length, the meter's grid and the
 * future limit. (The offset check of local times is part of parsing them, {@link Times#parseIso}.) One
 * implementation for the file parsers and {@link HeadEndChecks}. Not thread-safe: caches the last meter and
 * channel looked up, and the clock.
 */
final class ReadingChecks {
    /** Result codes of {@link #intervalEnd} and {@link #readTime}. */
    static final int OK = 0;
    static final int OFF_GRID = 1;
    static final int AHEAD = 2;

    final MasterDataView view;
    final Times times;

    private String lastMeterId;
    private MeterInfo lastMeter;
    private int lastChannelNo;
    private ChannelInfo lastChannel;

    ReadingChecks(MasterDataView view, ParserOptions options, Clock clock) {
        this.view = view;
        this.times = new Times(options.zone(), clock, options.futureTolerance());
    }

    /** The known meter with the id in {@code b[s, e)}, or a rejection. Returns the cached instance when unchanged. */
    MeterInfo meter(char[] b, int s, int e) throws RowReject {
        if (lastMeter != null && same(lastMeterId, b, s, e)) {
            return lastMeter;
        }
        return meter(new String(b, s, e - s));
    }

    /** The known meter with this id, or a rejection. */
    MeterInfo meter(String id) throws RowReject {
        if (lastMeter != null && lastMeterId.equals(id)) {
            return lastMeter;
        }
        Optional<MeterInfo> m = id == null ? Optional.empty() : view.meter(id);
        if (m.isEmpty()) {
            if (id == null || id.isEmpty()) {
                throw new RowReject("meter_id is empty");
            }
            if (!Fields.isMeterId(id)) {
                throw new RowReject("unknown meter " + Fields.show(id) + ": a meter_id is 1 to 20 letters, digits"
                        + " or '-'");
            }
            throw new RowReject("unknown meter " + Fields.show(id) + "; it must be in meters.csv (ingest the meter"
                    + " first or correct the meter_id)");
        }
        lastMeterId = id;
        lastMeter = m.get();
        lastChannel = null;
        return lastMeter;
    }

    /** The known channel of the meter, or a rejection. */
    ChannelInfo channel(MeterInfo meter, int channel) throws RowReject {
        if (lastChannel != null && lastChannelNo == channel && lastChannel.meterId().equals(meter.meterId())) {
            return lastChannel;
        }
        Optional<ChannelInfo> c = view.channel(meter.meterId(), channel);
        if (c.isEmpty()) {
            List<ChannelInfo> known = view.channels(meter.meterId());
            StringBuilder sb = new StringBuilder();
            for (ChannelInfo k : known) {
                sb.append(sb.length() == 0 ? "" : ", ").append(k.channel());
            }
            throw new RowReject("unknown channel " + channel + " of meter " + meter.meterId() + " (known channels: "
                    + (known.isEmpty() ? "none" : sb) + "); it must be in channels.csv");
        }
        lastChannelNo = channel;
        lastChannel = c.get();
        return lastChannel;
    }

    /** Rejects interval values of a non-interval meter; {@code howToSend} tells where its readings go instead. */
    void intervalMeter(MeterInfo meter, String howToSend) throws RowReject {
        if (!meter.isIntervalMeter()) {
            throw new RowReject("meter " + meter.meterId() + " is a non-interval meter (interval_minutes 0); "
                    + howToSend);
        }
    }

    /** Rejects an interval length that is not the meter's. */
    void intervalLength(MeterInfo meter, int minutes, String what) throws RowReject {
        if (minutes != meter.intervalMinutes()) {
            throw new RowReject(what + " (" + minutes + " minutes) does not match meter " + meter.meterId()
                    + "'s interval_minutes " + meter.intervalMinutes());
        }
    }

    /** {@link #OK}, {@link #OFF_GRID} or {@link #AHEAD} for an interval ending at {@code end} (epoch seconds). */
    int intervalEnd(MeterInfo meter, long end) {
        if (!times.onGrid(end, meter.intervalMinutes())) {
            return OFF_GRID;
        }
        return times.aheadOfClock(end) ? AHEAD : OK;
    }

    /** {@link #OK} or {@link #AHEAD} for a reading taken at {@code at} (epoch seconds). */
    int readTime(long at) {
        return times.aheadOfClock(at) ? AHEAD : OK;
    }

    /** The rejection for a problem code; {@code what} names the field and its value. */
    RowReject rejection(int problem, MeterInfo meter, long at, String what) {
        if (problem == OFF_GRID) {
            int minuteOfDay = times.localMinuteOfDay(at);
            return new RowReject(what + " is not on the " + meter.intervalMinutes() + "-minute grid of meter "
                    + meter.meterId() + " (local " + String.format("%02d:%02d", minuteOfDay / 60, minuteOfDay % 60)
                    + " is not a multiple of " + meter.intervalMinutes() + " minutes past midnight)");
        }
        return times.ahead(what);
    }

    private static boolean same(String s, char[] b, int from, int to) {
        int n = to - from;
        if (s.length() != n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (s.charAt(i) != b[from + i]) {
                return false;
            }
        }
        return true;
    }
}
