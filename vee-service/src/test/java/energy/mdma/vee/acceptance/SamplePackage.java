package energy.mdma.vee.acceptance;

import energy.mdma.events.IntervalStatus;
import energy.mdma.events.RawUnit;
import energy.mdma.events.Uom;
import energy.mdma.testsupport.TestCsv;
import energy.mdma.vee.model.ChannelConfig;
import energy.mdma.vee.model.DialReading;
import energy.mdma.vee.model.IntervalValue;
import energy.mdma.vee.model.ReceivedIntervals;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The acceptance package (CSV) read into engine inputs, for tests only. */
final class SamplePackage {

    record Meter(String serviceAccount, String meterId, String cycle, int intervalMinutes, int dials,
            BigDecimal meterMultiplier) {
    }

    record Channel(Meter meter, ChannelConfig config, List<IntervalValue> intervals, List<DialReading> registers) {
    }

    final Map<String, Meter> meters = new LinkedHashMap<>();
    final Map<String, List<LocalDate>> schedule = new TreeMap<>();
    final Map<String, Channel> channels = new TreeMap<>(); // key meter:channel

    static String key(String meterId, int channel) {
        return meterId + ":" + channel;
    }

    static SamplePackage load(Path dir) throws IOException {
        SamplePackage pkg = new SamplePackage();
        for (Map<String, String> r : TestCsv.read(dir.resolve("meters.csv"))) {
            Meter m = new Meter(r.get("service_account"), r.get("meter_id"), r.get("read_cycle"),
                    Integer.parseInt(r.get("interval_minutes")), Integer.parseInt(r.get("dials")),
                    new BigDecimal(r.get("meter_multiplier")));
            pkg.meters.put(m.meterId(), m);
        }
        for (Map<String, String> r : TestCsv.read(dir.resolve("schedule.csv"))) {
            pkg.schedule.computeIfAbsent(r.get("read_cycle"), k -> new ArrayList<>())
                    .add(LocalDate.parse(r.get("scheduled_read_date")));
        }
        for (Map<String, String> r : TestCsv.read(dir.resolve("channels.csv"))) {
            Meter m = pkg.meters.get(r.get("meter_id"));
            int ch = Integer.parseInt(r.get("channel"));
            ChannelConfig cfg = new ChannelConfig(m.meterId(), ch, Uom.valueOf(r.get("uom")),
                    RawUnit.valueOf(r.get("raw_unit")), new BigDecimal(r.get("pulse_multiplier")),
                    Long.parseLong(r.get("max_pulses_per_interval")), m.meterMultiplier(), m.intervalMinutes(),
                    m.dials());
            pkg.channels.put(key(m.meterId(), ch), new Channel(m, cfg, new ArrayList<>(), new ArrayList<>()));
        }
        for (Map<String, String> r : TestCsv.read(dir.resolve("intervals.csv"))) {
            Channel c = pkg.channels.get(key(r.get("meter_id"), Integer.parseInt(r.get("channel"))));
            Set<IntervalStatus> st = EnumSet.noneOf(IntervalStatus.class);
            String s = r.get("status");
            if (!s.isEmpty()) {
                for (String code : s.split("\\|")) {
                    st.add(IntervalStatus.valueOf(code));
                }
            }
            c.intervals().add(new IntervalValue(parseTime(r.get("interval_end")), new BigDecimal(r.get("value")), st));
        }
        for (Map<String, String> r : TestCsv.read(dir.resolve("registers.csv"))) {
            Channel c = pkg.channels.get(key(r.get("meter_id"), Integer.parseInt(r.get("channel"))));
            c.registers().add(new DialReading(parseTime(r.get("read_time")), Long.parseLong(r.get("reading"))));
        }
        return pkg;
    }

    ReceivedIntervals data(Channel c) {
        return c.config().isInterval() ? ReceivedIntervals.of(c.config().intervalMinutes(), c.intervals())
                : ReceivedIntervals.empty(0);
    }

    static Instant parseTime(String s) {
        return OffsetDateTime.parse(s).toInstant();
    }
}
