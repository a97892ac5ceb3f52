package energy.mdma.edi.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.AbstractRecords;
import org.apache.kafka.common.record.DefaultRecordBatch;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.MemoryRecordsBuilder;
import org.apache.kafka.common.record.Record;
import org.apache.kafka.common.record.RecordBatch;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.utils.BufferSupplier;
import org.apache.kafka.common.utils.CloseableIterator;

import energy.mdma.edi.x12.Fast867Writer;

/**
 * Not a test: the CPU that the compression of {@code mdma.edi.documents} costs, per codec, on real 867 files
 * as edi posted them until it compressed each file itself (DocumentPosted.contentEncoding {@code zstd}, level 3, as
 * chosen here: since then edi pays the "produce" column's codec work, and the broker and delivery no longer decompress
 * an 867 at all) (the record value is the file's bytes; the DocumentPosted wrapper around them is a few
 * hundred bytes). It runs Kafka's own record-batch code of kafka-clients, without a broker, so that it measures
 * nothing but the codec's work on each side:
 * <ul>
 * <li>produce: what edi's producer does per record ({@link MemoryRecordsBuilder}: append, compress, close);
 * a document is larger than {@code batch.size}, so it travels alone in its batch;</li>
 * <li>broker: what the broker does to validate a compressed batch it appends (every record read through the
 * codec, keys and values skipped, as LogValidator does; nothing for an uncompressed batch beyond its CRC);</li>
 * <li>consume: what delivery's consumer does (CRC check, decompression, the value copied out).</li>
 * </ul>
 * By default it runs in a class loader of its own, as the codecs run in a Quarkus service: there lz4-java does
 * not take its native library (it does only when the system class loader loads it) and Kafka's lz4 is its
 * pure-Java codec; {@code system} runs it with the native lz4. Prints per codec the CPU milliseconds per MB of 867 on each side and the compressed size. Two file sizes:
 * a full file (6 account-periods x 3 channels x 30 days of 15-min intervals, about 52,000 intervals, near
 * edi's limit of 60,000 per file) and a one-account-period file.
 *
 * <pre>
 * ./mvnw -q -B -o -pl edi-service test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp edi-service/target/classes:edi-service/target/test-classes:$(cat edi-service/target/cp.txt) \
 *      energy.mdma.edi.bench.DocumentCompressionBenchmark [rounds=10] [isolated|system]
 * </pre>
 */
public final class DocumentCompressionBenchmark {

    record Codec(String name, Compression compression) {
    }

    public static void main(String[] args) throws Exception {
        boolean system = args.length > 1 && "system".equals(args[1]);
        if (!system && DocumentCompressionBenchmark.class.getClassLoader() == ClassLoader.getSystemClassLoader()) {
            // lz4-java takes its native library only when it is loaded by the system class loader; in a Quarkus
            // service it is not (Quarkus' own class loader), so there Kafka's lz4 is lz4-java's pure-Java codec:
            // run the benchmark as the services run, in a class loader of its own
            List<java.net.URL> urls = new ArrayList<>();
            for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
                urls.add(java.nio.file.Path.of(entry).toUri().toURL());
            }
            try (java.net.URLClassLoader loader = new java.net.URLClassLoader(urls.toArray(new java.net.URL[0]),
                    ClassLoader.getPlatformClassLoader())) {
                Thread.currentThread().setContextClassLoader(loader);
                loader.loadClass(DocumentCompressionBenchmark.class.getName()).getMethod("main", String[].class)
                        .invoke(null, (Object) args);
            }
            return;
        }
        System.out.println(system ? "codecs as the system class loader loads them (lz4-java takes its native library)"
                : "codecs as a Quarkus service loads them (not by the system class loader: lz4-java's pure-Java codec)");
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        List<Codec> codecs = List.of(
                new Codec("none", Compression.NONE),
                new Codec("lz4", Compression.lz4().build()),
                new Codec("zstd (level 3, Kafka's default)", Compression.zstd().build()),
                new Codec("zstd level 1", Compression.zstd().level(1).build()),
                new Codec("zstd level -1 (fast)", Compression.zstd().level(-1).build()),
                new Codec("zstd level -3 (fast)", Compression.zstd().level(-3).build()),
                new Codec("snappy", Compression.snappy().build()));
        tlsMsPerMb = tls(rounds);
        System.out.printf("TLS (AES-GCM, 16 KB records): %.2f ms/MB to encrypt or decrypt; a document crosses TLS four "
                + "times (edi -> broker, broker -> delivery, each end), more with replication%n", tlsMsPerMb);
        Fast867Writer writer = new Fast867Writer();
        for (int accounts : new int[] { 6, 1 }) {
            List<byte[]> docs = new ArrayList<>();
            long raw = 0;
            int intervals = accounts * 3 * 2884;
            int count = accounts == 6 ? 8 : 48;
            for (int i = 0; i < count; i++) {
                byte[] doc = writer.render(Edi867CheckerBenchmark.document(accounts, 30, i * accounts));
                docs.add(doc);
                raw += doc.length;
            }
            System.out.printf("%n%d documents of %d account-period(s), %,d intervals, %,d bytes each (%,.1f MB in all)%n",
                    count, accounts, intervals, docs.get(0).length, raw / 1e6);
            System.out.printf("  %-32s %12s %12s %12s %12s %10s %16s%n", "compression.type", "produce", "broker",
                    "consume", "all three", "size", "with TLS x4");
            for (Codec c : codecs) {
                measure(c, docs, raw, rounds);
            }
        }
        Object lz4 = call("net.jpountz.lz4.LZ4Factory", "fastestInstance");
        System.out.println("\nlz4-java: " + lz4 + ", Kafka's decompressor " + call(lz4, "safeDecompressor")
                + ", compressor " + call(lz4, "fastCompressor") + ", XXHash32 "
                + call(call("net.jpountz.xxhash.XXHashFactory", "fastestInstance"), "hash32")
                + "; zstd-jni native: " + call("com.github.luben.zstd.util.Native", "isLoaded"));
    }

    /** A static no-argument method's result (the codecs are runtime dependencies of kafka-clients). */
    static Object call(String type, String method) {
        try {
            return Class.forName(type).getMethod(method).invoke(null);
        } catch (ReflectiveOperationException | LinkageError e) {
            return e.toString();
        }
    }

    /** An instance's no-argument method's result. */
    static Object call(Object target, String method) {
        try {
            return target.getClass().getMethod(method).invoke(target);
        } catch (ReflectiveOperationException | LinkageError e) {
            return e.toString();
        }
    }

    /** CPU ms to encrypt and decrypt one MB with AES-GCM in TLS records of 16 KB (TLS 1.3's cipher). */
    static double tlsMsPerMb;

    static double tls(int rounds) throws Exception {
        javax.crypto.SecretKey key = new javax.crypto.spec.SecretKeySpec(new byte[16], "AES");
        javax.crypto.Cipher enc = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
        javax.crypto.Cipher dec = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
        byte[] record = new byte[16_384];
        byte[] sealed = new byte[16_384 + 16];
        byte[] open = new byte[16_384];
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double best = Double.MAX_VALUE;
        int records = 64; // 1 MiB
        long nonce = 0;
        int warmup = 300; // the AES and GHASH intrinsics need the compiled code: 10 times slower before
        for (int round = 0; round < warmup + rounds; round++) {
            long c0 = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < records; i++) {
                byte[] iv = ByteBuffer.allocate(12).putLong(4, ++nonce).array();
                enc.init(javax.crypto.Cipher.ENCRYPT_MODE, key, new javax.crypto.spec.GCMParameterSpec(128, iv));
                enc.doFinal(record, 0, record.length, sealed, 0);
                dec.init(javax.crypto.Cipher.DECRYPT_MODE, key, new javax.crypto.spec.GCMParameterSpec(128, iv));
                dec.doFinal(sealed, 0, sealed.length, open, 0);
            }
            if (round >= warmup) {
                best = Math.min(best, (threads.getCurrentThreadCpuTime() - c0) / 1e6);
            }
        }
        return best / (records * 16_384 / 1e6) / 2; // one direction
    }

    static void measure(Codec codec, List<byte[]> docs, long raw, int rounds) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        byte[] key = "ESP01".getBytes(StandardCharsets.UTF_8);
        double produce = Double.MAX_VALUE;
        double broker = Double.MAX_VALUE;
        double consume = Double.MAX_VALUE;
        long stored = 0;
        long check = 0;
        BufferSupplier buffers = BufferSupplier.create();
        for (int round = 0; round < rounds + 3; round++) {
            List<MemoryRecords> batches = new ArrayList<>(docs.size());
            long c0 = threads.getCurrentThreadCpuTime();
            for (byte[] doc : docs) {
                // the producer allocates a batch for a record larger than batch.size at the record's size bound
                ByteBuffer buffer = ByteBuffer.allocate(AbstractRecords.estimateSizeInBytesUpperBound(
                        RecordBatch.CURRENT_MAGIC_VALUE, codec.compression().type(), key, doc, Record.EMPTY_HEADERS));
                MemoryRecordsBuilder b = MemoryRecords.builder(buffer, RecordBatch.CURRENT_MAGIC_VALUE,
                        codec.compression(), TimestampType.CREATE_TIME, 0L);
                b.append(System.currentTimeMillis(), key, doc);
                batches.add(b.build());
            }
            long c1 = threads.getCurrentThreadCpuTime();
            for (MemoryRecords records : batches) {
                for (RecordBatch batch : records.batches()) {
                    batch.ensureValid();
                    if (batch.isCompressed()) {
                        try (CloseableIterator<Record> it = ((DefaultRecordBatch) batch).skipKeyValueIterator(buffers)) {
                            while (it.hasNext()) {
                                check += it.next().offset();
                            }
                        }
                    }
                }
            }
            long c2 = threads.getCurrentThreadCpuTime();
            long size = 0;
            for (MemoryRecords records : batches) {
                size += records.sizeInBytes();
                for (RecordBatch batch : records.batches()) {
                    batch.ensureValid();
                    try (CloseableIterator<Record> it = batch.streamingIterator(buffers)) {
                        while (it.hasNext()) {
                            ByteBuffer v = it.next().value();
                            byte[] value = new byte[v.remaining()];
                            v.get(value);
                            check += value[value.length - 2];
                        }
                    }
                }
            }
            long c3 = threads.getCurrentThreadCpuTime();
            if (round >= 3) {
                produce = Math.min(produce, (c1 - c0) / 1e6);
                broker = Math.min(broker, (c2 - c1) / 1e6);
                consume = Math.min(consume, (c3 - c2) / 1e6);
            }
            stored = size;
        }
        double mb = raw / 1e6;
        double all = (produce + broker + consume) / mb;
        System.out.printf("  %-32s %7.2f ms/MB %7.2f ms/MB %7.2f ms/MB %7.2f ms/MB %8.1f %% %10.2f ms/MB%s%n",
                codec.name(), produce / mb, broker / mb, consume / mb, all, 100.0 * stored / raw,
                all + 4 * tlsMsPerMb * stored / raw, check == 42 ? " " : "");
    }
}
