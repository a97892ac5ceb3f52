package energy.mdma.vee.topology;

import energy.mdma.events.ChannelEvent;
import energy.mdma.events.DecimalValue;
import energy.mdma.events.IntervalBlock;
import energy.mdma.events.MeterEvent;
import energy.mdma.events.RegisterReading;
import energy.mdma.events.ScheduledReadDate;
import energy.mdma.events.Source;
import energy.mdma.events.SourceType;

import energy.mdma.testsupport.PackageMasterData;
import energy.mdma.testsupport.TestCsv;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The acceptance sample package read into events, as ingest-service would publish them (test helper). */
final class SamplePackage {
    static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");

    final List<MeterEvent> meters = new ArrayList<>();
    final List<ChannelEvent> channels = new ArrayList<>();
    final List<ScheduledReadDate> schedule = new ArrayList<>();
    final List<IntervalBlock> blocks = new ArrayList<>();
    final List<RegisterReading> registers = new ArrayList<>();

    static SamplePackage load(Path dir) throws IOException {
        SamplePackage p = new SamplePackage();
        p.meters.addAll(PackageMasterData.meters(dir));
        p.channels.addAll(PackageMasterData.channels(dir));
        Map<String, Integer> minutes = new LinkedHashMap<>();
        p.meters.forEach(m -> minutes.put(m.getMeterId(), m.getIntervalMinutes()));
        for (List<String> r : rows(dir.resolve("schedule.csv"))) {
            p.schedule.add(ScheduledReadDate.newBuilder().setReadCycle(r.get(0)).setReadDate(LocalDate.parse(r.get(1))).build());
        }
        // intervals: runs of consecutive intervals of one channel and local day become one block
        List<List<String>> rows = rows(dir.resolve("intervals.csv"));
        IntervalBlock.Builder current = null;
        long lastEnd = 0;
        LocalDate lastDay = null;
        int line = 1;
        for (List<String> r : rows) {
            line++;
            int min = minutes.get(r.get(0));
            Instant end = OffsetDateTime.parse(r.get(2)).toInstant();
            LocalDate day = end.minusSeconds(1).atZone(ZONE).toLocalDate();
            long value = new BigDecimal(r.get(3)).setScale(6).unscaledValue().longValueExact();
            int status = 0;
            for (String s : r.get(4).split("\\|")) {
                status |= switch (s) {
                    case "PO" -> 1;
                    case "OV" -> 2;
                    case "TM" -> 4;
                    case "CS" -> 8;
                    default -> 0;
                };
            }
            boolean continues = current != null && current.getMeterId().equals(r.get(0))
                    && current.getChannel() == Integer.parseInt(r.get(1))
                    && end.toEpochMilli() == lastEnd + min * 60_000L && day.equals(lastDay);
            if (!continues) {
                if (current != null) {
                    p.blocks.add(current.build());
                }
                current = IntervalBlock.newBuilder().setMeterId(r.get(0)).setChannel(Integer.parseInt(r.get(1)))
                        .setIntervalMinutes(min).setFirstIntervalEnd(end).setValueScale(6)
                        .setValues(new ArrayList<>()).setStatuses(new ArrayList<>())
                        .setSource(source(line));
            }
            current.getValues().add(value);
            current.getStatuses().add(status);
            lastEnd = end.toEpochMilli();
            lastDay = day;
        }
        if (current != null) {
            p.blocks.add(current.build());
        }
        line = 1;
        for (List<String> r : rows(dir.resolve("registers.csv"))) {
            line++;
            p.registers.add(RegisterReading.newBuilder().setMeterId(r.get(0)).setChannel(Integer.parseInt(r.get(1)))
                    .setReadTime(OffsetDateTime.parse(r.get(2)).toInstant()).setReading(Long.parseLong(r.get(3)))
                    .setSource(source(line)).build());
        }
        return p;
    }

    private static Source source(int line) {
        return Source.newBuilder().setType(SourceType.CSV).setId("sample").setSequence(line)
                .setReceivedAt(Instant.parse("2026-01-01T00:00:00Z")).build();
    }

    static DecimalValue decimal(String s) {
        return PackageMasterData.decimal(s);
    }

    static List<List<String>> rows(Path file) throws IOException {
        return TestCsv.rows(file);
    }
}
