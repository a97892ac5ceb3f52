package energy.mdma.edi.bench;

import energy.mdma.edi.store.StoredResult;
import energy.mdma.events.ChannelPeriodResult;
import energy.mdma.events.PeriodState;
import energy.mdma.events.Uom;
import energy.mdma.kafka.BinaryAvroSerde;
import energy.mdma.kafka.EncodedEvent;
import energy.mdma.kafka.PrimitiveArrays;
import energy.mdma.testsupport.BestRound;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Not a test: what edi spends on a VEE result when it arrives, before its account-period is decided (reading it from
 * the record, the header its processing needs - account, period, version, data -, and the bytes its store keeps), per
 * result and per interval value, best round by the thread's CPU time:
 * <ul>
 * <li>decoded: read into the generated class (PrimitiveArrays.Reader, as the services' event reader does), then
 * written again as binary Avro for the store (what edi did);</li>
 * <li>kept as written: checked by its schema without being read ({@link EncodedEvent}), its header read from the bytes,
 * the bytes stored as they are (what edi does).</li>
 * </ul>
 * The results are channel-periods as ./mdma bench makes them: 25 days of 15-minute kWh (2,400 values up to 2 kWh at
 * scale 4), no estimate. Run with {@code ./mdma benchmark ResultArrivalBenchmark [rounds=15]}.
 */
public final class ResultArrivalBenchmark {
    private static final BinaryAvroSerde<ChannelPeriodResult> AVRO = new BinaryAvroSerde<>(ChannelPeriodResult.class);

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        Random random = new Random(11);
        int values = 25 * 96;
        List<byte[]> results = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            results.add(AVRO.serializer().serialize(null, result(random, i, values)));
        }
        Schema own = ChannelPeriodResult.getClassSchema();
        DatumReader<ChannelPeriodResult> reader = PrimitiveArrays.reader(ChannelPeriodResult.class);
        BinaryDecoder[] decoder = new BinaryDecoder[1];
        Arrival decoded = b -> {
            decoder[0] = DecoderFactory.get().binaryDecoder(b, decoder[0]);
            StoredResult stored = StoredResult.of(reader.read(null, decoder[0]));
            return stored.header().version();
        };
        Arrival kept = b -> StoredResult.of(EncodedEvent.read(own, b, 0, b.length)).header().version();
        System.out.printf("a result's arrival in edi (%,d results of %,d values):%n", results.size(), values);
        report("decoded, then encoded for the store", best(decoded, results, rounds), values);
        report("kept as written (checked, header read)", best(kept, results, rounds), values);
    }

    private static void report(String what, double nsPerResult, int values) {
        System.out.printf("  %-40s %8.1f us per result, %6.2f ns per value%n", what, nsPerResult / 1000,
                nsPerResult / values);
    }

    private interface Arrival {
        int arrive(byte[] record) throws IOException;
    }

    /** CPU ns per result of the best round (5 passes over the results a round). */
    private static double best(Arrival arrival, List<byte[]> records, int rounds) throws Exception {
        return BestRound.nanos(5, rounds, 5.0 * records.size(), () -> {
            long sink = 0;
            for (int k = 0; k < 5; k++) {
                for (byte[] b : records) {
                    sink += arrival.arrive(b);
                }
            }
            return sink;
        });
    }

    private static ChannelPeriodResult result(Random random, int i, int values) {
        List<Long> usage = new ArrayList<>(values);
        List<Integer> quality = new ArrayList<>(values);
        long total = 0;
        for (int k = 0; k < values; k++) {
            long v = random.nextInt(20_000);
            usage.add(v);
            quality.add(0);
            total += v;
        }
        LocalDate start = LocalDate.parse("2026-11-01");
        return ChannelPeriodResult.newBuilder().setMeterId("BENCH" + i).setChannel(1).setServiceAccount("SA-BENCH-" + i)
                .setUom(Uom.KWH).setPeriodStart(start).setPeriodEnd(start.plusDays(24)).setVersion(1)
                .setState(PeriodState.COMPLETE).setIntervalMinutes(15)
                .setFirstIntervalEnd(Instant.parse("2026-11-01T07:15:00Z")).setUsage(usage).setQuality(quality)
                .setIntervalsExpected(values).setIntervalsActual(values).setIntervalsEstimated(0).setTotal(total)
                .setTotalEstimated(false).setFailurePoints(Map.of()).setComputedAt(Instant.now()).setChangedBy("vee")
                .setChangedIntervals(List.of()).setPreviousUsage(List.of()).setPreviousQuality(List.of()).build();
    }
}
