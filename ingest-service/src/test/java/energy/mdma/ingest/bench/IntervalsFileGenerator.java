package energy.mdma.ingest.bench;

import energy.mdma.events.PrevailingTime;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Writes large, valid intervals.csv files for tests and benchmarks: for each meter, {@code rowsPerMeter} consecutive
 * 15-minute intervals from local midnight of {@code start} (America/Los_Angeles, offsets as the zone says), values
 * with up to 4 decimals, one row in 97 with a status.
 */
public final class IntervalsFileGenerator {
    private static final ZoneId LA = PrevailingTime.ZONE;
    private static final DateTimeFormatter END = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    private IntervalsFileGenerator() {
    }

    /** @return the number of bytes written */
    public static long write(Path file, List<String> meterIds, int channel, LocalDate start, long rowsPerMeter)
            throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("meter_id,channel,interval_end,value,status\n");
            long seed = 17;
            for (String meter : meterIds) {
                ZonedDateTime end = start.atStartOfDay(LA).plusMinutes(15);
                String prefix = meter + "," + channel + ",";
                String lastOffsetText = null;
                int lastOffset = Integer.MIN_VALUE;
                for (long i = 0; i < rowsPerMeter; i++) {
                    int off = end.getOffset().getTotalSeconds();
                    if (off != lastOffset) {
                        lastOffset = off;
                        lastOffsetText = end.getOffset().getId();
                    }
                    seed = seed * 6364136223846793005L + 1442695040888963407L;
                    long v = (seed >>> 40) % 25000;
                    w.write(prefix);
                    w.write(end.toLocalDateTime().format(END));
                    w.write(lastOffsetText);
                    w.write(',');
                    w.write(Long.toString(v / 10000));
                    w.write('.');
                    String frac = Long.toString(10000 + v % 10000);
                    w.write(frac, 1, 4);
                    w.write(i % 97 == 0 ? ",PO\n" : ",\n");
                    end = end.plusMinutes(15);
                }
            }
        }
        return Files.size(file);
    }
}
