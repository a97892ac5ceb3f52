package energy.mdma.ingest.parse;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.List;

/**
 * Time parsing and checks for one parse: ISO-8601 local time with offset, CMEP CCYYMMDDHHMM (PST), the
 * zone-offset check, the grid and the future limit. Not thread-safe (caches the last date and offset).
 */
final class Times {
    private static final long PST_SECONDS = -8 * 3600;
    private static final int CLOCK_REFRESH_ROWS = 4096;

    private final ZoneId zone;
    private final ZoneRules rules;
    private final Clock clock;
    private final long toleranceSeconds;
    private final String toleranceText;

    // results of the last parse
    long epochSecond;
    int offsetSeconds;
    int second;

    // caches
    private int cYear = -1;
    private int cMonth = -1;
    private int cDay = -1;
    private long cEpochDay;
    private long windowStart = 1;
    private long windowEnd = 0;
    private int windowOffset;
    private long limit;
    private int sinceClock = Integer.MAX_VALUE;

    Times(ZoneId zone, Clock clock, java.time.Duration tolerance) {
        this.zone = zone;
        this.rules = zone.getRules();
        this.clock = clock;
        this.toleranceSeconds = tolerance.getSeconds();
        this.toleranceText = tolerance.toMinutes() + " minutes";
    }

    private static int num(char[] b, int s, int n) {
        int v = 0;
        for (int i = s; i < s + n; i++) {
            char c = b[i];
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private long epochDay(int y, int m, int d) {
        if (y != cYear || m != cMonth || d != cDay) {
            cEpochDay = LocalDate.of(y, m, d).toEpochDay();
            cYear = y;
            cMonth = m;
            cDay = d;
        }
        return cEpochDay;
    }

    /**
     * Parses {@code YYYY-MM-DDTHH:MM[:SS]±HH:MM} (or {@code Z}) and checks that the offset is the zone's
     * offset at that instant. Sets {@link #epochSecond}, {@link #offsetSeconds}, {@link #second}.
     */
    void parseIso(char[] b, int s, int e, String column, boolean minutePrecision) throws RowReject {
        int n = e - s;
        if (n == 0) {
            throw new RowReject(column + " is empty; write an ISO-8601 local time with offset, e.g."
                    + " 2026-03-08T03:00-07:00");
        }
        int y = n >= 16 ? num(b, s, 4) : -1;
        int mo = y >= 0 && b[s + 4] == '-' ? num(b, s + 5, 2) : -1;
        int d = mo >= 0 && b[s + 7] == '-' ? num(b, s + 8, 2) : -1;
        int h = d >= 0 && b[s + 10] == 'T' ? num(b, s + 11, 2) : -1;
        int mi = h >= 0 && b[s + 13] == ':' ? num(b, s + 14, 2) : -1;
        if (mi < 0) {
            throw badTime(b, s, e, column);
        }
        int p = s + 16;
        int sec = 0;
        if (p < e && b[p] == ':') {
            sec = p + 3 <= e ? num(b, p + 1, 2) : -1;
            if (sec < 0) {
                throw badTime(b, s, e, column);
            }
            p += 3;
            if (p < e && b[p] == '.') {
                throw new RowReject(column + " " + Fields.show(b, s, e) + " has fractions of a second; write"
                        + (minutePrecision ? " whole minutes" : " at most whole seconds") + ", e.g. 2026-03-08T03:00-07:00");
            }
        }
        if (mo < 1 || mo > 12 || h > 23 || mi > 59 || sec > 59) {
            throw badTime(b, s, e, column);
        }
        long day;
        try {
            day = epochDay(y, mo, d);
        } catch (DateTimeException ex) {
            throw new RowReject(column + " " + Fields.show(b, s, e) + " is not a valid date ("
                    + ex.getMessage() + ")");
        }
        long local = day * 86400 + h * 3600 + mi * 60 + sec;
        if (p == e) {
            throw new RowReject(column + " " + Fields.show(b, s, e) + " has no offset; write it with the " + zone
                    + " offset" + suggestOffset(local, b, s, p));
        }
        int off;
        if (b[p] == 'Z' && p + 1 == e) {
            off = 0;
        } else if ((b[p] == '+' || b[p] == '-') && p + 6 == e && b[p + 3] == ':') {
            int oh = num(b, p + 1, 2);
            int om = num(b, p + 4, 2);
            if (oh < 0 || om < 0 || oh > 18 || om > 59) {
                throw badTime(b, s, e, column);
            }
            off = (oh * 3600 + om * 60) * (b[p] == '-' ? -1 : 1);
        } else {
            throw badTime(b, s, e, column);
        }
        if (minutePrecision && sec != 0) {
            throw new RowReject(column + " " + Fields.show(b, s, e) + " has seconds; an interval end is a whole"
                    + " minute, e.g. 2026-03-08T03:00-07:00");
        }
        long epoch = local - off;
        if (offsetAt(epoch) != off) {
            LocalDateTime ldt = LocalDateTime.ofEpochSecond(local, 0, ZoneOffset.UTC);
            List<ZoneOffset> valid = rules.getValidOffsets(ldt);
            if (valid.isEmpty()) {
                ZoneOffsetTransition t = rules.getTransition(ldt);
                throw new RowReject(column + " " + Fields.show(b, s, e) + " does not exist in " + zone
                        + ": on " + ldt.toLocalDate() + " the clocks jump from " + t.getDateTimeBefore().toLocalTime()
                        + " to " + t.getDateTimeAfter().toLocalTime() + " (spring forward); check the meter's clock");
            }
            throw new RowReject(column + " " + Fields.show(b, s, e) + ": offset " + ZoneOffset.ofTotalSeconds(off)
                    + " is not the " + zone + " offset at that time; " + ldt + " is "
                    + (valid.size() == 1 ? ldt + "" + valid.get(0) : ldt + "" + valid.get(0) + " or " + ldt
                    + valid.get(1) + " (repeated hour)"));
        }
        epochSecond = epoch;
        offsetSeconds = off;
        second = sec;
    }

    private String suggestOffset(long local, char[] b, int s, int p) {
        List<ZoneOffset> valid = rules.getValidOffsets(LocalDateTime.ofEpochSecond(local, 0, ZoneOffset.UTC));
        if (valid.isEmpty()) {
            return " (that local time does not exist: spring-forward gap)";
        }
        String t = new String(b, s, p - s);
        return valid.size() == 1 ? ", e.g. " + t + valid.get(0) : ", " + t + valid.get(0) + " or " + t
                + valid.get(1) + " (repeated hour)";
    }

    private static RowReject badTime(char[] b, int s, int e, String column) {
        return new RowReject(column + " " + Fields.show(b, s, e) + " is not a time; write an ISO-8601 local time"
                + " with offset, YYYY-MM-DDTHH:MM±HH:MM, e.g. 2026-03-08T03:00-07:00");
    }

    /** Parses CMEP {@code CCYYMMDDHHMM} in PST (UTC-08:00) into {@link #epochSecond}. */
    void parsePst(char[] b, int s, int e, String what) throws RowReject {
        int y = e - s == 12 ? num(b, s, 4) : -1;
        int mo = y >= 0 ? num(b, s + 4, 2) : -1;
        int d = mo >= 0 ? num(b, s + 6, 2) : -1;
        int h = d >= 0 ? num(b, s + 8, 2) : -1;
        int mi = h >= 0 ? num(b, s + 10, 2) : -1;
        if (mi < 0 || mo < 1 || mo > 12 || h > 23 || mi > 59) {
            throw new RowReject(what + " " + Fields.show(b, s, e) + " is not a time; write CCYYMMDDHHMM in"
                    + " Pacific Standard Time (UTC-08:00), e.g. 202603080300");
        }
        long day;
        try {
            day = epochDay(y, mo, d);
        } catch (DateTimeException ex) {
            throw new RowReject(what + " " + Fields.show(b, s, e) + " is not a valid date (" + ex.getMessage()
                    + ")");
        }
        epochSecond = day * 86400 + h * 3600 + mi * 60 - PST_SECONDS;
        second = 0;
    }

    /** The zone's offset at an instant (cached over the span up to the next transition). */
    int offsetAt(long epoch) {
        if (epoch >= windowStart && epoch < windowEnd) {
            return windowOffset;
        }
        Instant at = Instant.ofEpochSecond(epoch);
        windowOffset = rules.getOffset(at).getTotalSeconds();
        ZoneOffsetTransition next = rules.nextTransition(at);
        windowStart = epoch;
        windowEnd = next == null ? Long.MAX_VALUE : next.toEpochSecond();
        return windowOffset;
    }

    /** Local wall-clock minutes past midnight of an instant. */
    int localMinuteOfDay(long epoch) {
        return (int) (Math.floorMod(epoch + offsetAt(epoch), 86400L) / 60);
    }

    /** Epoch day of the local day an interval ending at {@code epoch} belongs to (midnight: the day before). */
    long intervalDay(long epoch) {
        long last = epoch - 1;
        return Math.floorDiv(last + offsetAt(last), 86400L);
    }

    /** True if the instant is more than the tolerance ahead of the clock (the clock is read now and then). */
    boolean aheadOfClock(long epoch) {
        if (++sinceClock >= CLOCK_REFRESH_ROWS) {
            limit = clock.instant().getEpochSecond() + toleranceSeconds;
            sinceClock = 0;
        }
        if (epoch <= limit) {
            return false;
        }
        limit = clock.instant().getEpochSecond() + toleranceSeconds;
        sinceClock = 0;
        return epoch > limit;
    }

    /** The rejection of a time ahead of the clock; {@code what} names the field and its value. */
    RowReject ahead(String what) {
        return new RowReject(what + " is more than " + toleranceText + " ahead of the server clock (now "
                + DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(clock.instant().atZone(zone).toOffsetDateTime()
                        .withNano(0)) + "); check the sender's clock");
    }

    /** True if the local wall-clock minutes past midnight of the instant are a multiple of {@code minutes}. */
    boolean onGrid(long epoch, int minutes) {
        return localMinuteOfDay(epoch) % minutes == 0;
    }

    /** The instant as local time with offset, for messages. */
    String local(long epoch) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(Instant.ofEpochSecond(epoch).atZone(zone)
                .toOffsetDateTime());
    }
}
