package energy.mdma.ingest.parse;

import energy.mdma.events.RawUnit;
import energy.mdma.events.Uom;
import static energy.mdma.ingest.parse.Fixtures.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import energy.mdma.ingest.model.Channel;
import energy.mdma.ingest.model.MarketRole;
import energy.mdma.ingest.model.Meter;
import energy.mdma.ingest.model.Party;
import energy.mdma.ingest.model.ScheduleEntry;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

class MasterDataCsvTest {

    /** Parses header + rows; asserts the rejected lines and that each reason contains its fragment. */
    private static Collector check(FileLayout kind, String rows, Object... lineAndReason) {
        Collector c = new Collector();
        ParseReport r = parse(kind, String.join(",", kind.header()) + "\n" + rows, c);
        assertTrue(r.fileRejection() == null, () -> String.valueOf(r.fileRejection()));
        assertEquals(lineAndReason.length / 2, r.rejections().size(), r.rejections().toString());
        for (int i = 0; i < lineAndReason.length; i += 2) {
            RejectedRow rej = r.rejections().get(i / 2);
            assertEquals(((Number) lineAndReason[i]).longValue(), rej.line(), rej.toString());
            String want = (String) lineAndReason[i + 1];
            assertTrue(rej.reason().contains(want), () -> "'" + rej.reason() + "' lacks '" + want + "'");
        }
        assertEquals(r.rowsRead() - r.rowsRejected(), r.rowsAccepted());
        return c;
    }

    @Test
    void parties() {
        Collector c = check(FileLayout.PARTIES, String.join("\n",
                "SCE,UDC,Southern California Edison,375040116",
                "ESP01,ESP,\"Sunrise, \"\"Energy\"\" Services\",958214165",
                "s,ESP,x,123456789",
                "ESP02,MDMA,x,123456789",
                "ESP03,ESP,x,12345678",
                "ESP04,ESP,,123456789",
                "SCE,UDC,again,375040116",
                "ESP05,ESP,x,12345678X") + "\n",
                4, "party_id 's' must be 2 to 20 capital letters",
                5, "role 'MDMA' must be UDC or ESP",
                6, "duns '12345678' must be the 9-digit D-U-N-S number",
                7, "name is empty",
                8, "party_id SCE is already given on line 2 of this file",
                9, "duns '12345678X'");
        assertEquals(List.of(new Party("SCE", MarketRole.UDC, "Southern California Edison", "375040116", 2),
                new Party("ESP01", MarketRole.ESP, "Sunrise, \"Energy\" Services", "958214165", 3)), c.parties);
    }

    @Test
    void meters() {
        Collector c = check(FileLayout.METERS, String.join("\n",
                "300,SCE,ESP01,\"Moore, James\",N1,01,15,5,1",
                "300,SCE,ESP01,x,N2,01,0,8,2.5",
                "300,SCE,ESP01,x,N3,02,15,5,1", // other cycle than N1 of the same account
                "100,SCE,ESP01,x,N4,02,15,5,1", // other cycle than known M1 of account 100
                "301,SCE,ESP01,x,N5,01,10,5,1",
                "301,SCE,ESP01,x,N6,01,15,3,1",
                "301,SCE,ESP01,x,N7,01,15,9,1",
                "301,SCE,ESP01,x,N8,01,15,5,0",
                "301,SCE,ESP01,x,N9,01,15,5,-1",
                "30A,SCE,ESP01,x,N10,01,15,5,1",
                "123456789012345678901,SCE,ESP01,x,N11,01,15,5,1",
                "301,PGE,ESP01,x,N12,01,15,5,1",
                "301,ESP01,ESP01,x,N13,01,15,5,1",
                "301,SCE,SCE,x,N14,01,15,5,1",
                "301,SCE,ESP01,x,N_15,01,15,5,1",
                "301,SCE,ESP01,x,N1,01,15,5,1",
                "301,SCE,ESP01,x,N16,01,15,5,1.5e2",
                "301,SCE,ESP01,x,N17,,15,5,1",
                "301,SCE,ESP01,x,N18,01,60,4,0.001") + "\n",
                4, "read_cycle 02 differs from read_cycle 01 of meter N1 of the same service account 300 (line 2)",
                5, "read_cycle 02 differs from read_cycle 01 of known meter M",
                6, "interval_minutes '10' must be 15, 5, 30 or 60",
                7, "dials '3' is out of range (4 to 8)",
                8, "dials '9' is out of range (4 to 8)",
                9, "meter_multiplier '0' must be greater than 0",
                10, "meter_multiplier '-1' is not a positive decimal number",
                11, "service_account '30A' must be 1 to 20 digits",
                12, "service_account '123456789012345678901' must be 1 to 20 digits",
                13, "udc_id PGE is not a known party; ingest parties.csv with it first",
                14, "udc_id ESP01 is a party with role ESP, not UDC",
                15, "esp_id SCE is a party with role UDC, not ESP",
                16, "meter_id 'N_15' must be 1 to 20 letters, digits or '-'",
                17, "meter_id N1 is already given on line 2 of this file",
                18, "meter_multiplier '1.5e2' is not a positive decimal",
                19, "read_cycle '' must be 1 to 20");
        assertEquals(new Meter("300", "SCE", "ESP01", "Moore, James", "N1", "01", 15, 5, BigDecimal.ONE, 2),
                c.meters.get(0));
        assertEquals(0, c.meters.get(1).intervalMinutes());
        assertEquals(new BigDecimal("2.5"), c.meters.get(1).meterMultiplier());
        assertEquals(List.of("N1", "N2", "N18"), c.meters.stream().map(Meter::meterId).toList());
    }

    @Test
    void unknownPartiesCanBeAllowed() {
        IngestParser p = new IngestParser(new InMemoryMasterData(), Fixtures.CLOCK,
                ParserOptions.defaults().withRequireKnownParties(false));
        Collector c = new Collector();
        ParseReport r = Fixtures.parse(p, FileLayout.METERS, (String.join(",", FileLayout.METERS.header())
                + "\n300,SCE,ESP01,x,N1,01,15,5,1\n").getBytes(java.nio.charset.StandardCharsets.UTF_8), c);
        assertEquals(1, r.rowsAccepted(), r.rejections().toString());
    }

    @Test
    void channels() {
        Collector c = check(FileLayout.CHANNELS, String.join("\n",
                "MP,1,KWH,PULSE,0.0125,400",
                "MP,2,KVARH,UNIT,1,0",
                "MR,1,KWH,UNIT,1,0",
                "MR,2,KWH,UNIT,1,0", // non-interval meter: only channel 1
                "M9,1,KWH,UNIT,1,0",
                "M1,0,KWH,UNIT,1,0",
                "M1,10,KWH,UNIT,1,0",
                "M1,1,KW,UNIT,1,0",
                "M1,1,KWH,COUNT,1,0",
                "M1,1,KWH,UNIT,2,0",
                "M1,1,KWH,PULSE,0,0",
                "M1,1,KWH,PULSE,1,-1",
                "MP,1,KWH,PULSE,0.0125,400",
                "MR,1,KVARH,UNIT,1,0",
                "M1,1,KWH,PULSE,0.5,1.5") + "\n",
                5, "meter MR is a non-interval meter (interval_minutes 0): it has exactly one channel, 1",
                6, "unknown meter 'M9'",
                7, "channel '0' is out of range (1 to 9)",
                8, "channel '10' is out of range (1 to 9)",
                9, "uom 'KW' must be KWH or KVARH",
                10, "raw_unit 'COUNT' must be PULSE or UNIT",
                11, "pulse_multiplier '2' must be 1 when raw_unit is UNIT",
                12, "pulse_multiplier '0' must be greater than 0",
                13, "max_pulses_per_interval '-1' is not a whole number (0 or more)",
                14, "channel 1 of meter MP is already given on line 2 of this file",
                15, "got channel 1 KVARH",
                16, "max_pulses_per_interval '1.5' is not a whole number");
        assertEquals(new Channel("MP", 1, Uom.KWH, RawUnit.PULSE, new BigDecimal("0.0125"), 400, 2),
                c.channels.get(0));
        assertEquals(3, c.channels.size());
    }

    @Test
    void schedule() {
        Collector c = check(FileLayout.SCHEDULE, String.join("\n",
                "01,2025-10-20",
                "01,2025-11-20",
                "01,2025-02-30",
                "01,20251120",
                "01,2025-11-20",
                ",2025-11-20",
                "02,2025-11-20") + "\n",
                4, "scheduled_read_date '2025-02-30' is not a valid date",
                5, "scheduled_read_date '20251120' is not a date; write YYYY-MM-DD",
                6, "read cycle 01 date 2025-11-20 is already given on line 3",
                7, "read_cycle '' must be 1 to 20");
        assertEquals(List.of(new ScheduleEntry("01", LocalDate.of(2025, 10, 20), 2),
                new ScheduleEntry("01", LocalDate.of(2025, 11, 20), 3),
                new ScheduleEntry("02", LocalDate.of(2025, 11, 20), 8)), c.schedule);
    }

    @Test
    void registers() {
        Collector c = check(FileLayout.REGISTERS, String.join("\n",
                "MR,1,2025-10-23T14:42-07:00,111312",
                "MR,1,2025-10-23T14:42:31-07:00,111313",
                "MR,1,2025-10-23T14:42-07:00,-5",
                "MR,1,2025-10-23T14:42-07:00,1.5",
                "MR,2,2025-10-23T14:42-07:00,1",
                "M9,1,2025-10-23T14:42-07:00,1",
                "MR,1,2025-10-23T14:42-08:00,1",
                "MR,1,2026-06-01T05:16-07:00,1",
                "M1,1,2025-10-23T14:42-07:00,99999999",
                "MR,1,2025-10-23T14:42-07:00,") + "\n",
                4, "reading '-5' is not a whole number (0 or more)",
                5, "reading '1.5' is not a whole number",
                6, "unknown channel 2 of meter MR",
                7, "unknown meter 'M9'",
                8, "offset -08:00 is not the America/Los_Angeles offset",
                9, "read_time '2026-06-01T05:16-07:00' is more than 15 minutes ahead of the server clock",
                11, "reading is empty");
        assertEquals(3, c.registers.size());
        assertEquals(java.time.Instant.parse("2025-10-23T21:42:31Z"), c.registers.get(1).readTime());
        assertEquals(111313L, c.registers.get(1).reading());
        assertEquals(3L, c.registers.get(1).line());
        assertEquals("M1", c.registers.get(2).meterId()); // an interval meter may have register readings
    }

    @Test
    void wrongColumnCountWithUnquotedComma() {
        check(FileLayout.METERS, "300,SCE,ESP01,Moore, James,N1,01,15,5,1\n",
                2, "wrong column count: 10 fields, expected 9 (service_account,udc_id,esp_id,customer_name,meter_id,"
                        + "read_cycle,interval_minutes,dials,meter_multiplier); quote fields that contain commas");
    }
}
