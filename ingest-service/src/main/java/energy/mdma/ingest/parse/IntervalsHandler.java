package energy.mdma.ingest.parse;

import energy.mdma.ingest.model.MeterInfo;

/** intervals.csv: meter_id,channel,interval_end,value,status. */
final class IntervalsHandler extends ReadingRowHandler {

    IntervalsHandler(Ctx ctx) {
        super(ctx);
    }

    @Override
    void reading(CsvRow row, long line, MeterInfo meter, int channel) throws RowReject {
        ctx.checks.intervalMeter(meter, "send its readings in registers.csv");
        char[] b = row.buf();
        Times t = ctx.times;
        int s = row.start(2);
        int e = row.end(2);
        t.parseIso(b, s, e, "interval_end", true);
        long end = t.epochSecond;
        int problem = ctx.checks.intervalEnd(meter, end);
        if (problem != ReadingChecks.OK) {
            throw ctx.checks.rejection(problem, meter, end, "interval_end " + Fields.show(b, s, e));
        }
        long micros = Fields.micros(b, row.start(3), row.end(3), "value");
        int status = Fields.status(b, row.start(4), row.end(4), "status");
        long day = ctx.options.splitBlocksAtLocalDay() ? t.intervalDay(end) : 0;
        ctx.blocks.add(meter.meterId(), channel, meter.intervalMinutes(), day, end, micros, status, line, 0,
                ++ctx.sequence);
        ctx.valuesAccepted++;
    }
}
