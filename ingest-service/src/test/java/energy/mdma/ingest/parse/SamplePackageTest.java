package energy.mdma.ingest.parse;

import energy.mdma.ingest.model.Channel;
import energy.mdma.ingest.model.Meter;
import energy.mdma.ingest.model.Party;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import energy.mdma.ingest.model.ParsedIntervalBlock;
import energy.mdma.ingest.model.ParsedRegisterReading;
import energy.mdma.testsupport.ExamplePackage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example package parses completely, as CSV and as CMEP (written by {@link CmepWriter}). */
class SamplePackageTest {

    /** A sink that records master data into the view and keeps the readings. */
    static final class PackageSink extends Collector {
        final InMemoryMasterData md;

        PackageSink(InMemoryMasterData md) {
            this.md = md;
        }

        @Override
        public void party(Party party) {
            super.party(party);
            md.party(party);
        }

        @Override
        public void meter(Meter meter) {
            super.meter(meter);
            md.meter(meter);
        }

        @Override
        public void channel(Channel channel) {
            super.channel(channel);
            md.channel(channel);
        }
    }

    static ParseReport parseFile(IngestParser p, FileLayout kind, Path file, IngestSink sink) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return p.parse(kind, in, sink);
        }
    }

    /** Parses the master data of the package; returns the view and sink. */
    static PackageSink loadMasterData(IngestParser[] parserOut) throws IOException {
        InMemoryMasterData md = new InMemoryMasterData();
        IngestParser p = new IngestParser(md, Fixtures.CLOCK);
        parserOut[0] = p;
        PackageSink sink = new PackageSink(md);
        for (FileLayout k : List.of(FileLayout.PARTIES, FileLayout.METERS, FileLayout.CHANNELS, FileLayout.SCHEDULE)) {
            ParseReport r = parseFile(p, k, ExamplePackage.file(k.apiName() + ".csv"), sink);
            assertFalse(r.fileRejected(), () -> k + ": " + r.fileRejection());
            assertEquals(0, r.rowsRejected(), () -> k + ": " + r.rejections());
            assertEquals(r.rowsRead(), r.rowsAccepted());
        }
        return sink;
    }

    /** meter/channel/end/value/status of every interval value. */
    static Set<String> intervalKeys(List<ParsedIntervalBlock> blocks) {
        Set<String> out = new HashSet<>();
        for (ParsedIntervalBlock b : blocks) {
            for (int i = 0; i < b.size(); i++) {
                out.add(b.meterId() + "/" + b.channel() + "/" + b.endEpochSecond(i) + "/" + b.valueMicros(i) + "/"
                        + b.status(i));
            }
        }
        return out;
    }

    static Set<String> registerKeys(List<ParsedRegisterReading> readings) {
        Set<String> out = new HashSet<>();
        for (ParsedRegisterReading r : readings) {
            out.add(r.meterId() + "/" + r.channel() + "/" + r.readTime() + "/" + r.reading());
        }
        return out;
    }

    @Test
    void wholeSamplePackageIsAccepted() throws IOException {
        IngestParser[] p = new IngestParser[1];
        PackageSink sink = loadMasterData(p);
        assertEquals(4, sink.parties.size());
        assertEquals(12, sink.meters.size());
        assertEquals(13, sink.channels.size());
        assertEquals(9, sink.schedule.size());
        assertEquals("Moore, James", sink.meters.get(0).customerName());

        ParseReport ir = parseFile(p[0], FileLayout.INTERVALS, ExamplePackage.file("intervals.csv"), sink);
        assertEquals(0, ir.rowsRejected(), () -> ir.rejections().toString());
        assertEquals(42_165, ir.rowsRead());
        assertEquals(42_165, ir.rowsAccepted());
        assertEquals(42_165, ir.valuesAccepted());
        assertEquals(42_165, intervalKeys(sink.blocks).size());
        assertTrue(sink.blocks.stream().allMatch(b -> b.size() <= 4096));

        ParseReport rr = parseFile(p[0], FileLayout.REGISTERS, ExamplePackage.file("registers.csv"), sink);
        assertEquals(0, rr.rowsRejected(), () -> rr.rejections().toString());
        assertEquals(22, rr.rowsAccepted());
        assertEquals(22, sink.registers.size());
    }

    @Test
    void cmepConversionOfTheSampleYieldsTheSameReadings(@TempDir Path tmp) throws Exception {
        IngestParser[] p = new IngestParser[1];
        PackageSink csv = loadMasterData(p);
        parseFile(p[0], FileLayout.INTERVALS, ExamplePackage.file("intervals.csv"), csv);
        parseFile(p[0], FileLayout.REGISTERS, ExamplePackage.file("registers.csv"), csv);

        Path cmep = tmp.resolve("sample.cmep");
        toCmep(cmep, 48, 1);

        Collector c = new Collector();
        ParseReport r = parseFile(p[0], FileLayout.CMEP, cmep, c);
        assertFalse(r.fileRejected());
        assertEquals(0, r.rowsRejected(), () -> r.rejections().toString());
        long records = Files.lines(cmep).count();
        assertEquals(records, r.rowsRead());
        assertEquals(42_165, r.valuesAccepted());
        assertEquals(22, r.readingsAccepted());
        assertEquals(intervalKeys(csv.blocks), intervalKeys(c.blocks));
        assertEquals(registerKeys(csv.registers), registerKeys(c.registers));
        // every value kept its record's line and triple position, in order of receipt
        long last = 0;
        for (ParsedIntervalBlock b : c.blocks) {
            for (int i = 0; i < b.size(); i++) {
                assertTrue(b.sequence(i) > last);
                last = b.sequence(i);
                assertTrue(b.line(i) >= 1 && b.line(i) <= records);
            }
        }
    }

    /** Writes the example package's readings as CMEP records, one a line, into {@code out}. */
    static void toCmep(Path out, int perRecord, long seed) throws IOException {
        Files.write(out, CmepWriter.records(ExamplePackage.dir(), perRecord, seed), StandardCharsets.UTF_8);
    }

    /** Parses one in-memory file; asserts nothing of it is rejected. */
    static ParseReport parseAll(IngestParser p, FileLayout kind, String body, Collector sink) throws IOException {
        ParseReport r = p.parse(kind, new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), sink);
        assertFalse(r.fileRejected(), () -> kind + ": " + r.fileRejection());
        assertEquals(0, r.rowsRejected(), () -> kind + ": " + r.rejections());
        return r;
    }

    /**
     * Like the utility's scrambled upload: the rows of registers.csv and intervals.csv shuffled, split into 7 chunks each
     * with the header, and one chunk sent twice: together they carry exactly the readings of the whole files.
     */
    @Test
    void shuffledChunksSentTwiceYieldTheSameReadings() throws IOException {
        IngestParser[] p = new IngestParser[1];
        PackageSink csv = loadMasterData(p);
        parseFile(p[0], FileLayout.INTERVALS, ExamplePackage.file("intervals.csv"), csv);
        parseFile(p[0], FileLayout.REGISTERS, ExamplePackage.file("registers.csv"), csv);

        Random rnd = new Random(7);
        Collector c = new Collector();
        long rows = 0;
        for (FileLayout kind : List.of(FileLayout.REGISTERS, FileLayout.INTERVALS)) {
            List<String> lines = Files.readAllLines(ExamplePackage.file(kind.apiName() + ".csv"));
            String header = lines.get(0);
            List<String> data = new ArrayList<>(lines.subList(1, lines.size()));
            Collections.shuffle(data, rnd);
            int k = 7;
            List<String> chunks = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                StringBuilder sb = new StringBuilder(header).append("\r\n"); // and CRLF instead of LF
                for (int j = i; j < data.size(); j += k) {
                    sb.append(data.get(j)).append("\r\n");
                }
                chunks.add(sb.toString());
            }
            chunks.add(chunks.get(rnd.nextInt(k)));
            for (String chunk : chunks) {
                rows += parseAll(p[0], kind, chunk, c).rowsAccepted();
            }
        }
        assertTrue(rows > 42_165 + 22);
        assertEquals(intervalKeys(csv.blocks), intervalKeys(c.blocks));
        assertEquals(registerKeys(csv.registers), registerKeys(c.registers));
    }

    /**
     * CMEP with other seeds and record sizes (more or fewer implied ends, N triples and :N suffixes), its
     * records shuffled and split into 3 files: the same readings as the CSV.
     */
    @Test
    void cmepConversionsWithOtherSeedsAndSplitsYieldTheSameReadings(@TempDir Path tmp) throws Exception {
        IngestParser[] p = new IngestParser[1];
        PackageSink csv = loadMasterData(p);
        parseFile(p[0], FileLayout.INTERVALS, ExamplePackage.file("intervals.csv"), csv);
        parseFile(p[0], FileLayout.REGISTERS, ExamplePackage.file("registers.csv"), csv);
        Set<String> wantIntervals = intervalKeys(csv.blocks);
        Set<String> wantRegisters = registerKeys(csv.registers);

        for (int[] args : List.of(new int[] {2, 1}, new int[] {3, 7}, new int[] {4, 3000})) {
            Path cmep = tmp.resolve("sample-" + args[0] + ".cmep");
            toCmep(cmep, args[1], args[0]);
            List<String> records = new ArrayList<>(Files.readAllLines(cmep));
            Collections.shuffle(records, new Random(args[0]));
            Collector c = new Collector();
            long values = 0;
            long readings = 0;
            for (int i = 0; i < 3; i++) {
                StringBuilder sb = new StringBuilder();
                for (int j = i; j < records.size(); j += 3) {
                    sb.append(records.get(j)).append('\n');
                }
                ParseReport r = parseAll(p[0], FileLayout.CMEP, sb.toString(), c);
                values += r.valuesAccepted();
                readings += r.readingsAccepted();
            }
            String what = "seed " + args[0] + ", " + args[1] + " triples a record";
            assertEquals(42_165, values, what);
            assertEquals(22, readings, what);
            assertEquals(wantIntervals, intervalKeys(c.blocks), what);
            assertEquals(wantRegisters, registerKeys(c.registers), what);
        }
    }
}
