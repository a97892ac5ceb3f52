package energy.mdma.ingest.parse;

import energy.mdma.ingest.model.MeterInfo;
import energy.mdma.ingest.model.ParsedRegisterReading;

import java.time.Instant;

/** registers.csv: meter_id,channel,read_time,reading. */
final class RegistersHandler extends ReadingRowHandler {

    RegistersHandler(Ctx ctx) {
        super(ctx);
    }

    @Override
    void reading(CsvRow row, long line, MeterInfo meter, int channel) throws RowReject {
        char[] b = row.buf();
        Times t = ctx.times;
        t.parseIso(b, row.start(2), row.end(2), "read_time", false);
        long at = t.epochSecond;
        if (ctx.checks.readTime(at) != ReadingChecks.OK) {
            throw ctx.checks.rejection(ReadingChecks.AHEAD, meter, at, "read_time " + row.show(2));
        }
        long reading = Fields.whole(b, row.start(3), row.end(3), "reading", 0, Long.MAX_VALUE);
        ctx.sink.register(new ParsedRegisterReading(meter.meterId(), channel, Instant.ofEpochSecond(at), reading, line, 0,
                ++ctx.sequence));
        ctx.readingsAccepted++;
    }
}
