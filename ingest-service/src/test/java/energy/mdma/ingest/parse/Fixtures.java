package energy.mdma.ingest.parse;

import energy.mdma.events.RawUnit;
import energy.mdma.events.Uom;
import energy.mdma.ingest.model.ChannelInfo;
import energy.mdma.ingest.model.MarketRole;
import energy.mdma.ingest.model.MeterInfo;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Master data and helpers shared by the tests. */
final class Fixtures {
    /** The server clock of the tests. */
    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    static final String INTERVALS_HEADER = "meter_id,channel,interval_end,value,status\n";
    static final String REGISTERS_HEADER = "meter_id,channel,read_time,reading\n";

    private Fixtures() {
    }

    /**
     * SCE (UDC), ESP01 (ESP); account 100: M1 (15 min, ch 1 KWH UNIT), M5 (5 min), M60 (60 min), MR
     * (non-interval, ch 1); account 200: MP (15 min, ch 1 KWH PULSE, ch 2 KVARH PULSE, ch 3 KWH UNIT,
     * ch 4 KVARH UNIT, ch 5 KVARH UNIT).
     */
    static InMemoryMasterData masterData() {
        InMemoryMasterData md = new InMemoryMasterData();
        md.put("SCE", MarketRole.UDC).put("ESP01", MarketRole.ESP);
        md.put(new MeterInfo("M1", "100", "SCE", "01", 15)).put(new ChannelInfo("M1", 1, Uom.KWH, RawUnit.UNIT));
        md.put(new MeterInfo("M5", "100", "SCE", "01", 5)).put(new ChannelInfo("M5", 1, Uom.KWH, RawUnit.UNIT));
        md.put(new MeterInfo("M60", "100", "SCE", "01", 60)).put(new ChannelInfo("M60", 1, Uom.KWH, RawUnit.UNIT));
        md.put(new MeterInfo("MR", "100", "SCE", "01", 0)).put(new ChannelInfo("MR", 1, Uom.KWH, RawUnit.UNIT));
        md.put(new MeterInfo("MP", "200", "SCE", "02", 15))
                .put(new ChannelInfo("MP", 1, Uom.KWH, RawUnit.PULSE))
                .put(new ChannelInfo("MP", 2, Uom.KVARH, RawUnit.PULSE))
                .put(new ChannelInfo("MP", 3, Uom.KWH, RawUnit.UNIT))
                .put(new ChannelInfo("MP", 4, Uom.KVARH, RawUnit.UNIT))
                .put(new ChannelInfo("MP", 5, Uom.KVARH, RawUnit.UNIT));
        return md;
    }

    static IngestParser parser() {
        return new IngestParser(masterData(), CLOCK);
    }

    static ParseReport parse(IngestParser parser, FileLayout kind, byte[] bytes, Collector sink) {
        try {
            return parser.parse(kind, new ByteArrayInputStream(bytes), sink);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ParseReport parse(FileLayout kind, String text, Collector sink) {
        return parse(parser(), kind, text.getBytes(StandardCharsets.UTF_8), sink);
    }
}
