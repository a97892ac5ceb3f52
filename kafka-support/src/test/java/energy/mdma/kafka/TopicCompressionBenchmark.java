package energy.mdma.kafka;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.FileLogInputStream;
import org.apache.kafka.common.record.FileRecords;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.MemoryRecordsBuilder;
import org.apache.kafka.common.record.Record;
import org.apache.kafka.common.record.RecordBatch;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.utils.BufferSupplier;
import org.apache.kafka.common.utils.CloseableIterator;

/**
 * Not a test: what the producers' compression costs on the records our topics really hold, per zstd level. It reads
 * the record batches of topic partitions from a broker's log directory (e.g. after {@code ./mdma bench}:
 * {@code .mdma/kafka/mdma.readings.intervals-0}, {@code .mdma/kafka/mdma-vee-vee-channel-days-changelog-0}), takes
 * their records out and writes them again as Kafka's producer does, batch by batch ({@link MemoryRecordsBuilder}:
 * the records appended through the codec, in the thread that sends them - a Streams app's stream thread), then
 * reads each batch back as the broker's validation and a consumer do (every record through the codec). Prints per
 * codec the CPU milliseconds per MB of records on each side and the stored size.
 *
 * <pre>
 * ./mdma benchmark TopicCompressionBenchmark .mdma/kafka/mdma.readings.intervals-0 [more partition directories]
 * </pre>
 */
public final class TopicCompressionBenchmark {
    private static final int MAX_BATCHES = 600;

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: TopicCompressionBenchmark PARTITION_DIR... (a broker's log directory of one"
                    + " topic partition, e.g. .mdma/kafka/mdma.readings.intervals-0 after ./mdma bench)");
            System.exit(2);
        }
        Map<String, Compression> codecs = new LinkedHashMap<>();
        codecs.put("none", Compression.NONE);
        codecs.put("zstd level 3 (Kafka's default)", Compression.zstd().build());
        codecs.put("zstd level 1", Compression.zstd().level(1).build());
        codecs.put("zstd level -1", Compression.zstd().level(-1).build());
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (String dir : args) {
            List<List<byte[]>> batches = batches(new File(dir));
            long raw = 0;
            long records = 0;
            for (List<byte[]> b : batches) {
                for (byte[] part : b) {
                    raw += part.length;
                }
                records += b.size() / 2;
            }
            if (raw == 0) {
                System.out.printf("%s: no records%n", dir);
                continue;
            }
            System.out.printf(Locale.ROOT, "%s: %,d batches, %,d records, %,d bytes of keys and values%n", dir,
                    batches.size(), records, raw);
            System.out.printf("  %-32s %12s %12s %8s%n", "compression", "produce", "read", "size");
            double mb = raw / 1e6;
            for (int round = 0; round < 3; round++) {
                for (Map.Entry<String, Compression> codec : codecs.entrySet()) {
                    long c0 = threads.getCurrentThreadCpuTime();
                    List<MemoryRecords> built = new ArrayList<>(batches.size());
                    long stored = 0;
                    for (List<byte[]> b : batches) {
                        MemoryRecordsBuilder builder = MemoryRecords.builder(ByteBuffer.allocate(1 << 20),
                                codec.getValue(), TimestampType.CREATE_TIME, 0L);
                        for (int i = 0; i < b.size(); i += 2) {
                            builder.append(0L, b.get(i), b.get(i + 1));
                        }
                        MemoryRecords m = builder.build();
                        stored += m.sizeInBytes();
                        built.add(m);
                    }
                    long c1 = threads.getCurrentThreadCpuTime();
                    for (MemoryRecords m : built) {
                        for (RecordBatch batch : m.batches()) {
                            try (CloseableIterator<Record> it = batch.streamingIterator(BufferSupplier.create())) {
                                while (it.hasNext()) {
                                    it.next();
                                }
                            }
                        }
                    }
                    long c2 = threads.getCurrentThreadCpuTime();
                    if (round == 2) { // the first two rounds warm the JIT up
                        System.out.printf(Locale.ROOT, "  %-32s %6.2f ms/MB %6.2f ms/MB %7.1f%%%n", codec.getKey(),
                                (c1 - c0) / 1e6 / mb, (c2 - c1) / 1e6 / mb, 100.0 * stored / raw);
                    }
                }
            }
        }
    }

    /** The keys and values of the data batches of a partition's log segments (up to MAX_BATCHES): key, value, ... */
    private static List<List<byte[]>> batches(File dir) throws IOException {
        File[] segments = dir.listFiles((d, name) -> name.endsWith(".log"));
        if (segments == null) {
            throw new IOException(dir + " is not a directory of a topic partition's log segments");
        }
        java.util.Arrays.sort(segments);
        List<List<byte[]>> out = new ArrayList<>();
        for (File segment : segments) {
            try (FileRecords records = FileRecords.open(segment, false)) {
                for (FileLogInputStream.FileChannelRecordBatch batch : records.batches()) {
                    if (batch.isControlBatch()) {
                        continue;
                    }
                    List<byte[]> parts = new ArrayList<>();
                    try (CloseableIterator<Record> it = batch.streamingIterator(BufferSupplier.create())) {
                        while (it.hasNext()) {
                            Record r = it.next();
                            parts.add(bytes(r.key()));
                            parts.add(bytes(r.value()));
                        }
                    }
                    out.add(parts);
                    if (out.size() >= MAX_BATCHES) {
                        return out;
                    }
                }
            }
        }
        return out;
    }

    private static byte[] bytes(ByteBuffer b) {
        if (b == null) {
            return new byte[0];
        }
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }
}
