package energy.mdma.ingest.parse;

import energy.mdma.ingest.model.MeterInfo;

/** intervals.csv and registers.csv: each row starts with meter_id,channel of a channel of the master data. */
abstract class ReadingRowHandler extends RowHandler {

    ReadingRowHandler(Ctx ctx) {
        super(ctx);
    }

    @Override
    final void row(CsvRow row, long line) throws RowReject {
        MeterInfo meter = ctx.meter(row.buf(), row.start(0), row.end(0));
        int channel = Fields.channel(row, 1);
        ctx.channel(meter, channel);
        reading(row, line, meter, channel);
    }

    /** The rest of the row (from column 2), for a known channel of a known meter. */
    abstract void reading(CsvRow row, long line, MeterInfo meter, int channel) throws RowReject;
}
