package energy.mdma.ingest.bench;

import energy.mdma.events.PrevailingTime;
import energy.mdma.events.RawUnit;
import energy.mdma.events.Uom;

import energy.mdma.ingest.model.ChannelInfo;
import energy.mdma.ingest.model.MeterInfo;
import energy.mdma.ingest.model.ParsedIntervalBlock;
import energy.mdma.ingest.parse.FileLayout;
import energy.mdma.ingest.parse.InMemoryMasterData;
import energy.mdma.ingest.parse.IngestParser;
import energy.mdma.ingest.parse.IngestSink;
import energy.mdma.ingest.parse.ParseReport;
import energy.mdma.ingest.parse.RejectedRow;

import java.io.BufferedInputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Generates a large intervals.csv in a temp file and measures parsing into a counting sink.
 *
 * <p>Usage: {@code java -cp target/classes:target/test-classes energy.mdma.ingest.bench.ParseBenchmark [rows] [runs]}
 * (defaults 5,000,000 rows, 3 runs). 1,000 meters of 15-minute data, runs of 5,000 consecutive intervals per
 * meter, values with 0 to 4 decimals, about 1 row in 200 with a status. Not a test.
 */
public final class ParseBenchmark {
    private static final ZoneId LA = PrevailingTime.ZONE;

    private ParseBenchmark() {
    }

    /** Counts what arrives; sums values so nothing is optimised away. */
    static final class CountingSink implements IngestSink {
        long values;
        long blocks;
        long sum;
        long rejected;

        @Override
        public void intervals(ParsedIntervalBlock block) {
            blocks++;
            values += block.size();
            for (int i = 0; i < block.size(); i++) {
                sum += block.valueMicros(i);
            }
        }

        @Override
        public void rowRejected(RejectedRow rejection) {
            rejected++;
        }
    }

    public static void main(String[] args) throws IOException {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 5_000_000L;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int meters = 1000;
        int perMeter = 5000;

        InMemoryMasterData md = new InMemoryMasterData();
        for (int m = 0; m < meters; m++) {
            String id = String.format("M%07d", m);
            md.put(new MeterInfo(id, Integer.toString(1_000_000 + m), "SCE", "01", 15));
            md.put(new ChannelInfo(id, 1, Uom.KWH, RawUnit.UNIT));
        }

        Path file = Files.createTempFile("intervals-bench", ".csv");
        file.toFile().deleteOnExit();
        long t0 = System.nanoTime();
        DateTimeFormatter iso = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mmxxx");
        Instant start = Instant.parse("2024-01-01T08:15:00Z");
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("meter_id,channel,interval_end,value,status\n");
            long i = 0;
            int block = 0;
            while (i < rows) {
                String meter = String.format("M%07d", block % meters);
                Instant base = start.plusSeconds(900L * perMeter * (block / meters));
                for (int k = 0; k < perMeter && i < rows; k++, i++) {
                    Instant end = base.plusSeconds(900L * k);
                    w.write(meter);
                    w.write(",1,");
                    w.write(iso.format(end.atZone(LA)));
                    w.write(',');
                    long v = (i * 7919) % 100_000;
                    w.write(Long.toString(v / 10_000));
                    int dec = (int) (i % 5);
                    if (dec > 0) {
                        w.write('.');
                        String frac = String.format("%04d", v % 10_000);
                        w.write(frac, 0, dec);
                    }
                    w.write(',');
                    if (i % 200 == 0) {
                        w.write("PO");
                    }
                    w.write('\n');
                }
                block++;
            }
        }
        long size = Files.size(file);
        System.out.printf("generated %,d rows, %,.1f MB in %.1f s: %s%n", rows, size / 1e6,
                (System.nanoTime() - t0) / 1e9, file);

        IngestParser parser = new IngestParser(md, Clock.systemUTC());
        for (int run = 1; run <= runs; run++) {
            CountingSink sink = new CountingSink();
            long s = System.nanoTime();
            ParseReport r;
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
                r = parser.parse(FileLayout.INTERVALS, in, sink);
            }
            double secs = (System.nanoTime() - s) / 1e9;
            System.out.printf("run %d: %,d rows (%,d accepted, %,d rejected, %,d blocks) in %.2f s = %,.0f rows/s,"
                    + " %,.1f MB/s%s%n", run, r.rowsRead(), r.rowsAccepted(), r.rowsRejected(), sink.blocks, secs,
                    r.rowsRead() / secs, size / 1e6 / secs,
                    r.rejections().isEmpty() ? "" : "; first rejection " + r.rejections().get(0));
        }
        Runtime rt = Runtime.getRuntime();
        System.out.printf("heap used at end %,.1f MB (max %,.0f MB)%n", (rt.totalMemory() - rt.freeMemory()) / 1e6,
                rt.maxMemory() / 1e6);
        Files.deleteIfExists(file);
    }
}
