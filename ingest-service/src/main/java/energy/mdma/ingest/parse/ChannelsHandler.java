package energy.mdma.ingest.parse;

import energy.mdma.events.RawUnit;
import energy.mdma.events.Uom;
import energy.mdma.ingest.model.Channel;
import energy.mdma.ingest.model.MeterInfo;

import java.math.BigDecimal;

/** channels.csv: the meter must be known; (meter, channel) is unique within the file. */
final class ChannelsHandler extends RowHandler {
    private final FirstLines seen = new FirstLines();

    ChannelsHandler(Ctx ctx) {
        super(ctx);
    }

    @Override
    void row(CsvRow row, long line) throws RowReject {
        MeterInfo meter = ctx.meter(row.get(0));
        int channel = Fields.channel(row, 1);
        Uom uom;
        if (row.is(2, "KWH")) {
            uom = Uom.KWH;
        } else if (row.is(2, "KVARH")) {
            uom = Uom.KVARH;
        } else {
            throw new RowReject("uom " + row.show(2) + " must be KWH or KVARH");
        }
        RawUnit raw;
        if (row.is(3, "PULSE")) {
            raw = RawUnit.PULSE;
        } else if (row.is(3, "UNIT")) {
            raw = RawUnit.UNIT;
        } else {
            throw new RowReject("raw_unit " + row.show(3) + " must be PULSE or UNIT");
        }
        BigDecimal ke = Fields.decimal(row.get(4), "pulse_multiplier", true);
        if (raw == RawUnit.UNIT && ke.compareTo(BigDecimal.ONE) != 0) {
            throw new RowReject("pulse_multiplier " + row.show(4) + " must be 1 when raw_unit is UNIT");
        }
        long maxPulses = Fields.whole(row.buf(), row.start(5), row.end(5), "max_pulses_per_interval", 0,
                Long.MAX_VALUE);
        if (!meter.isIntervalMeter() && (channel != 1 || uom != Uom.KWH)) {
            throw new RowReject("meter " + meter.meterId() + " is a non-interval meter (interval_minutes 0): it has"
                    + " exactly one channel, 1, its KWH register; got channel " + channel + " " + uom);
        }
        seen.claim(meter.meterId() + ":" + channel, line, () -> "channel " + channel + " of meter " + meter.meterId());
        ctx.sink.channel(new Channel(meter.meterId(), channel, uom, raw, ke, maxPulses, line));
    }
}
