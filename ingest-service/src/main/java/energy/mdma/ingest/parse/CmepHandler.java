package energy.mdma.ingest.parse;

import energy.mdma.events.RawUnit;
import energy.mdma.events.Uom;
import energy.mdma.ingest.model.ChannelInfo;
import energy.mdma.ingest.model.MeterInfo;
import energy.mdma.ingest.model.ParsedRegisterReading;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * CMEP MEPMD01 records (input-formats.md section 2). A record is validated as a whole before any of its
 * triples is passed on: one rejection, its line, if anything is wrong.
 */
final class CmepHandler extends RowHandler {
    private static final int HEAD = 14;
    private enum Units { KWH, KVARH, PULSE, KWHREG }

    // the record's accepted triples, committed when the whole record is fine
    private int n;
    private long[] ends = new long[64];
    private long[] values = new long[64];
    private int[] status = new int[64];
    private int[] positions = new int[64];

    CmepHandler(Ctx ctx) {
        super(ctx);
    }

    @Override
    void row(CsvRow row, long line) throws RowReject {
        char[] b = row.buf();
        int fields = row.count();
        if (!row.is(0, "MEPMD01")) {
            throw new RowReject("record type " + row.show(0) + " is not MEPMD01; only MEPMD01 records are taken");
        }
        if (fields < HEAD) {
            throw new RowReject("record has " + fields + " fields; a MEPMD01 record has " + HEAD
                    + " fields (MEPMD01 ... count) followed by count triples of end,quality,value");
        }
        if (!row.is(1, "19970819")) {
            throw new RowReject("version " + row.show(1) + " must be 19970819");
        }
        ctx.times.parsePst(b, row.start(6), row.end(6), "created");
        // meter_id[:N]
        String meterField = row.get(7);
        int colon = meterField.indexOf(':');
        String meterId = colon < 0 ? meterField : meterField.substring(0, colon);
        int suffix = 0;
        if (colon >= 0) {
            String n = meterField.substring(colon + 1);
            if (n.length() != 1 || n.charAt(0) < '1' || n.charAt(0) > '9') {
                throw new RowReject("meter_id " + row.show(7) + ": the channel after ':' must be 1 to 9, e.g."
                        + " M7685777:2");
            }
            suffix = n.charAt(0) - '0';
        }
        if (!row.is(9, "E")) {
            throw new RowReject("commodity " + row.show(9) + " must be E");
        }
        Units units;
        try {
            units = Units.valueOf(row.get(10));
        } catch (IllegalArgumentException e) {
            throw new RowReject("units " + row.show(10) + " must be KWH, KVARH, PULSE or KWHREG");
        }
        BigDecimal constant = Fields.decimal(row.get(11), "calculation_constant", false);
        if (constant.compareTo(BigDecimal.ONE) != 0) {
            throw new RowReject("calculation_constant " + row.show(11) + " must be 1: values are raw; the channel's"
                    + " pulse_multiplier and the meter's meter_multiplier are applied by the MDMA");
        }
        int minutes = interval(row, units);
        long count = Fields.whole(b, row.start(13), row.end(13), "count", 0, 1_000_000);
        long triples = (fields - HEAD) / 3;
        if ((fields - HEAD) % 3 != 0 || triples != count) {
            throw new RowReject("count is " + count + " but the record has " + (fields - HEAD) + " fields after count"
                    + ((fields - HEAD) % 3 == 0 ? " (" + triples + " triples)" : " (" + triples + " triples and "
                            + (fields - HEAD) % 3 + " extra fields)")
                    + "; every triple is end,quality,value (empty fields included)");
        }

        MeterInfo meter = ctx.meter(meterId);
        if (!row.is(5, meter.serviceAccount())) {
            throw new RowReject("meter " + meterId + " is not a meter of service account " + row.show(5)
                    + " (receiver_customer_id); it belongs to service account " + meter.serviceAccount());
        }
        if (!row.is(4, meter.udcId())) {
            throw new RowReject("receiver_id " + row.show(4) + " is not the UDC of meter " + meterId + " ("
                    + meter.udcId() + ")");
        }
        if (units != Units.KWHREG) {
            ctx.checks.intervalMeter(meter, "send its readings as KWHREG records");
            ctx.checks.intervalLength(meter, minutes, "interval " + row.show(12));
        }
        ChannelInfo channel = resolve(meter, suffix, units);

        // triples
        n = 0;
        Times t = ctx.times;
        long prev = 0;
        for (int k = 0; k < count; k++) {
            try {
                prev = triple(row, k, units, meter, minutes, prev);
            } catch (RowReject e) {
                throw new RowReject(where(k) + ": " + e.getMessage());
            }
        }

        // commit
        if (units == Units.KWHREG) {
            ctx.blocks.flush(); // keep file order between interval blocks and readings
            for (int i = 0; i < n; i++) {
                ctx.sink.register(new ParsedRegisterReading(meterId, channel.channel(), Instant.ofEpochSecond(ends[i]),
                        values[i], line, positions[i], ++ctx.sequence));
                ctx.readingsAccepted++;
            }
        } else {
            boolean split = ctx.options.splitBlocksAtLocalDay();
            for (int i = 0; i < n; i++) {
                ctx.blocks.add(meterId, channel.channel(), minutes, split ? t.intervalDay(ends[i]) : 0, ends[i],
                        values[i], status[i], line, positions[i], ++ctx.sequence);
                ctx.valuesAccepted++;
            }
        }
    }

    /** Reads triple k into the record's buffer (unless quality N); returns its end. Messages lack the triple. */
    private long triple(CsvRow row, int k, Units units, MeterInfo meter, int minutes, long prev) throws RowReject {
        char[] b = row.buf();
        Times t = ctx.times;
        int fe = HEAD + 3 * k;
        long end;
        if (row.isEmpty(fe)) {
            if (k == 0) {
                throw new RowReject("the end of the first triple must be given");
            }
            if (units == Units.KWHREG) {
                throw new RowReject("every end of a KWHREG record must be given");
            }
            end = prev + minutes * 60L;
        } else {
            t.parsePst(b, row.start(fe), row.end(fe), "end");
            end = t.epochSecond;
        }
        int q = fe + 1;
        int v = fe + 2;
        if (row.is(q, "N")) {
            if (!row.isEmpty(v)) {
                throw new RowReject("quality N means no value, but the value is " + row.show(v)
                        + "; leave the value empty");
            }
            return end;
        }
        int bits = 0;
        if (!row.isEmpty(q) && !row.is(q, "R0")) {
            if (units == Units.KWHREG) {
                throw new RowReject("quality " + row.show(q) + " is not allowed in a KWHREG record (empty, R0 or N)");
            }
            bits = Fields.status(b, row.start(q), row.end(q), "quality");
        }
        int problem = units == Units.KWHREG ? ctx.checks.readTime(end) : ctx.checks.intervalEnd(meter, end);
        if (problem != ReadingChecks.OK) {
            throw ctx.checks.rejection(problem, meter, end, endText(row, k, end));
        }
        if (units == Units.KWHREG) {
            add(end, Fields.whole(b, row.start(v), row.end(v), "reading", 0, Long.MAX_VALUE), 0, k);
        } else {
            add(end, Fields.micros(b, row.start(v), row.end(v), "value"), bits, k);
        }
        return end;
    }

    private static String where(int k) {
        int fe = HEAD + 3 * k;
        return "triple " + (k + 1) + " (fields " + (fe + 1) + "-" + (fe + 3) + ")";
    }

    /** "end 'digits' (local time)" or, for an implied end, "end (implied) local time". */
    private String endText(CsvRow row, int k, long end) {
        int fe = HEAD + 3 * k;
        return "end " + (row.isEmpty(fe) ? "(implied) " + ctx.times.local(end)
                : row.show(fe) + " (" + ctx.times.local(end) + ")");
    }

    private void add(long end, long value, int bits, int position) {
        if (n == ends.length) {
            ends = Arrays.copyOf(ends, n * 2);
            values = Arrays.copyOf(values, n * 2);
            status = Arrays.copyOf(status, n * 2);
            positions = Arrays.copyOf(positions, n * 2);
        }
        ends[n] = end;
        values[n] = value;
        status[n] = bits;
        positions[n] = position;
        n++;
    }

    /** interval MMDDHHMM in minutes; KWHREG requires 00000000. */
    private static int interval(CsvRow row, Units units) throws RowReject {
        if (units == Units.KWHREG) {
            if (!row.is(12, "00000000")) {
                throw new RowReject("interval " + row.show(12) + " must be 00000000 in a KWHREG record");
            }
            return 0;
        }
        String v = row.get(12);
        if (!Fields.isDigits(v, 8, 8)) {
            throw new RowReject("interval " + row.show(12) + " is not a duration MMDDHHMM (months, days, hours,"
                    + " minutes), e.g. 00000015 for 15 minutes");
        }
        int months = Integer.parseInt(v.substring(0, 2));
        int days = Integer.parseInt(v.substring(2, 4));
        int hours = Integer.parseInt(v.substring(4, 6));
        int mins = Integer.parseInt(v.substring(6, 8));
        if (months != 0) {
            throw new RowReject("interval " + row.show(12) + " counts months; meter intervals are minutes, e.g."
                    + " 00000015");
        }
        return days * 1440 + hours * 60 + mins;
    }

    private static boolean fits(ChannelInfo c, Units units) {
        switch (units) {
            case KWH:
                return c.uom() == Uom.KWH && c.rawUnit() == RawUnit.UNIT;
            case KVARH:
                return c.uom() == Uom.KVARH && c.rawUnit() == RawUnit.UNIT;
            case PULSE:
                return c.rawUnit() == RawUnit.PULSE;
            default:
                return c.channel() == 1;
        }
    }

    private static String describe(ChannelInfo c) {
        return c.channel() + " (" + c.uom() + ", " + c.rawUnit() + ")";
    }

    private static final String FIT = "KWH takes a KWH channel with raw_unit UNIT, KVARH a KVARH channel with raw_unit"
            + " UNIT, PULSE a channel with raw_unit PULSE, KWHREG channel 1 or any channel named with :N";

    private ChannelInfo resolve(MeterInfo meter, int suffix, Units units) throws RowReject {
        if (suffix > 0) {
            ChannelInfo c = ctx.channel(meter, suffix);
            if (units != Units.KWHREG && !fits(c, units)) {
                throw new RowReject("channel " + describe(c) + " of meter " + meter.meterId() + " does not fit units "
                        + units + "; " + FIT);
            }
            return c;
        }
        List<ChannelInfo> fitting = new ArrayList<>();
        List<ChannelInfo> all = ctx.view.channels(meter.meterId());
        for (ChannelInfo c : all) {
            if (fits(c, units)) {
                fitting.add(c);
            }
        }
        if (fitting.size() == 1) {
            return fitting.get(0);
        }
        StringBuilder sb = new StringBuilder();
        for (ChannelInfo c : (fitting.isEmpty() ? all : fitting)) {
            sb.append(sb.length() == 0 ? "" : ", ").append(describe(c));
        }
        if (fitting.isEmpty()) {
            throw new RowReject("ambiguous channel: no channel of meter " + meter.meterId() + " fits units " + units
                    + " (channels: " + (all.isEmpty() ? "none" : sb) + "); " + FIT);
        }
        throw new RowReject("ambiguous channel: " + fitting.size() + " channels of meter " + meter.meterId()
                + " fit units " + units + " (" + sb + "); name the channel as " + meter.meterId() + ":N");
    }
}
