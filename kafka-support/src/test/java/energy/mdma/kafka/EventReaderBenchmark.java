package energy.mdma.kafka;

import energy.mdma.events.ChannelPeriodResult;
import energy.mdma.events.IntervalBlock;
import energy.mdma.testsupport.BestRound;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Not a test: the cost of decoding the events that carry intervals, as the services read them (vee: reading blocks;
 * edi: channel-period results from the topic and its store), with {@link PrimitiveArrays.Reader} and, for comparison,
 * Avro's own reader of the generated classes (its fast reader, boxed values); for results also the walk over a record
 * that edi keeps as read ({@link EncodedEvent#read}). Prints ns per interval value of the best
 * round by the thread's CPU time; for blocks also {@link IntervalBlockReader}, the services' reader of them.
 *
 * <pre>
 * ./mvnw -q -B -o -pl kafka-support test-compile \
 *     org.apache.maven.plugins:maven-dependency-plugin:3.9.0:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp kafka-support/target/classes:kafka-support/target/test-classes:$(cat kafka-support/target/cp.txt) \
 *      energy.mdma.kafka.EventReaderBenchmark [rounds=15]
 * </pre>
 * (or any classpath with kafka-support, schemas and Avro on it)
 */
public final class EventReaderBenchmark {

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        Random r = new Random(1);
        // a month of 15-minute results (2,976 values, as edi reads them) and a day's block (96 values, as vee reads them)
        List<byte[]> results = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            results.add(bytes(PrimitiveArraysTest.result(r, 2_976)));
        }
        List<byte[]> blocks = new ArrayList<>();
        for (int i = 0; i < 6_000; i++) {
            blocks.add(bytes(EventSerializerTest.block(r, 96)));
        }
        // and a meter's day as head-ends send it: 15-minute kWh at scale 6 (up to 2 kWh, 3-4 bytes a value), no status
        List<byte[]> meterDays = new ArrayList<>();
        for (int i = 0; i < 6_000; i++) {
            IntervalBlock b = EventSerializerTest.block(r, 96);
            List<Long> values = new ArrayList<>();
            List<Integer> statuses = new ArrayList<>();
            for (int k = 0; k < 96; k++) {
                values.add((long) r.nextInt(2_000_000));
                statuses.add(0);
            }
            b.setValueScale(6);
            b.setValues(values);
            b.setStatuses(statuses);
            meterDays.add(bytes(b));
        }
        run("ChannelPeriodResult, 2,976 values", results, 2_976 * 2, ChannelPeriodResult.class, rounds);
        run("IntervalBlock, 96 values of every varint length", blocks, 96 * 2, IntervalBlock.class, rounds);
        run("IntervalBlock, a meter's day (96 values up to 2 kWh, no status)", meterDays, 96 * 2, IntervalBlock.class,
                rounds);
    }

    private static <T> void run(String what, List<byte[]> records, int valuesPerRecord, Class<T> type, int rounds)
            throws Exception {
        System.out.printf("%s (%,d records, usage and quality values counted):%n", what, records.size());
        System.out.printf("  PrimitiveArrays.Reader : %6.2f ns per value%n",
                best(decoding(PrimitiveArrays.reader(type)), records, valuesPerRecord, rounds));
        System.out.printf("  Avro's reader (boxed)  : %6.2f ns per value%n",
                best(decoding(new SpecificDatumReader<>(type)), records, valuesPerRecord, rounds));
        if (type == ChannelPeriodResult.class) {
            Schema schema = ChannelPeriodResult.getClassSchema();
            System.out.printf("  EncodedEvent.read      : %6.2f ns per value (the walk that checks a record kept as read)%n",
                    best(b -> EncodedEvent.read(schema, b, 0, b.length), records, valuesPerRecord, rounds));
        }
        if (type == IntervalBlock.class) {
            System.out.printf("  IntervalBlockReader    : %6.2f ns per value (from the record's bytes, as the services)%n",
                    best(b -> IntervalBlockReader.read(b, 0, b.length), records, valuesPerRecord, rounds));
        }
    }

    /** One way of reading a record's bytes. */
    private interface Read {
        Object read(byte[] record) throws IOException;
    }

    /** A datum reader over one binary decoder, reused from record to record as the services' serdes do. */
    private static <T> Read decoding(DatumReader<T> reader) {
        BinaryDecoder[] decoder = new BinaryDecoder[1];
        return b -> {
            decoder[0] = DecoderFactory.get().binaryDecoder(b, decoder[0]);
            return reader.read(null, decoder[0]);
        };
    }

    /** CPU ns per value of the best round (5 passes over the records a round). */
    private static double best(Read read, List<byte[]> records, int valuesPerRecord, int rounds) throws Exception {
        return BestRound.nanos(5, rounds, 5.0 * records.size() * valuesPerRecord, () -> {
            long sink = 0;
            for (int k = 0; k < 5; k++) {
                for (byte[] b : records) {
                    // keeps the record alive without touching it: a record's hashCode walks every value, boxing
                    // each one of a primitive array: a fifth of the samples of this program (JFR)
                    sink += System.identityHashCode(read.read(b)) & 1;
                }
            }
            return sink;
        });
    }

    private static byte[] bytes(SpecificRecord e) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder enc = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<SpecificRecord>(e.getSchema()).write(e, enc);
        enc.flush();
        return out.toByteArray();
    }
}
