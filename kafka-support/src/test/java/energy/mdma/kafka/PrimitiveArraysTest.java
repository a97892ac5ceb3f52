package energy.mdma.kafka;

import energy.mdma.events.ChannelPeriodResult;
import energy.mdma.events.IntervalBlock;
import energy.mdma.events.PeriodState;
import energy.mdma.events.Uom;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.PrimitivesArrays;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@link PrimitiveArrays}: the same bytes as Avro's own writer, whatever list holds the values; read back equal into
 * primitive arrays, also from arrays Avro wrote in several blocks and from a writer schema whose values were ints.
 */
class PrimitiveArraysTest {

    static long value(Random r, int i) {
        return switch (i % 6) {
        case 0 -> r.nextInt(128);
        case 1 -> r.nextLong();
        case 2 -> -r.nextInt(1_000_000);
        case 3 -> i % 2 == 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
        case 4 -> 0;
        default -> r.nextInt(50_000_000);
        };
    }

    static IntervalBlock block(Random r, int n, boolean primitive) {
        long[] values = new long[n];
        int[] statuses = new int[n];
        for (int i = 0; i < n; i++) {
            values[i] = value(r, i);
            statuses[i] = i % 7 == 0 ? Integer.MIN_VALUE : i % 7 == 1 ? Integer.MAX_VALUE : r.nextInt(16) - 3;
        }
        IntervalBlock b = EventSerializerTest.block(r, 0);
        b.setValues(primitive ? longArray(values) : boxed(values));
        List<Integer> s = new ArrayList<>();
        for (int v : statuses) {
            s.add(v);
        }
        b.setStatuses(primitive ? intArray(statuses) : s);
        return b;
    }

    static PrimitivesArrays.LongArray longArray(long[] a) {
        PrimitivesArrays.LongArray l = new PrimitivesArrays.LongArray(a.length, Schema.createArray(Schema.create(Schema.Type.LONG)));
        for (int i = 0; i < a.length; i++) {
            l.add(i, a[i]);
        }
        return l;
    }

    static PrimitivesArrays.IntArray intArray(int[] a) {
        PrimitivesArrays.IntArray l = new PrimitivesArrays.IntArray(a.length, Schema.createArray(Schema.create(Schema.Type.INT)));
        for (int i = 0; i < a.length; i++) {
            l.add(i, a[i]);
        }
        return l;
    }

    static List<Long> boxed(long[] a) {
        List<Long> l = new ArrayList<>();
        for (long v : a) {
            l.add(v);
        }
        return l;
    }

    static ChannelPeriodResult result(Random r, int n) {
        long[] usage = new long[n];
        int[] quality = new int[n];
        for (int i = 0; i < n; i++) {
            usage[i] = value(r, i);
            quality[i] = r.nextInt(64);
        }
        return ChannelPeriodResult.newBuilder().setServiceAccount("A1").setMeterId("M1").setChannel(1).setUom(Uom.KWH)
                .setPeriodStart(LocalDate.of(2025, 10, 1)).setPeriodEnd(LocalDate.of(2025, 11, 1)).setVersion(3)
                .setState(PeriodState.COMPLETE).setIntervalMinutes(15)
                .setFirstIntervalEnd(Instant.parse("2025-10-01T07:15:00Z")).setUsage(longArray(usage))
                .setQuality(intArray(quality)).setIntervalsExpected(n).setIntervalsActual(n).setIntervalsEstimated(0)
                .setTotal(12_345L).setTotalEstimated(false).setFailurePoints(Map.of("E1", 2)).setChangedBy("vee").setChangedIntervals(intArray(new int[] { 0, n / 2 }))
                .setPreviousUsage(boxed(new long[] { 5, -5 })).setPreviousQuality(List.of(1, 2))
                .setComputedAt(Instant.parse("2025-11-02T08:00:00Z")).build();
    }

    static byte[] avro(SpecificRecord e) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder enc = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<SpecificRecord>(e.getSchema()).write(e, enc);
        enc.flush();
        return out.toByteArray();
    }

    static byte[] ours(SpecificRecord e) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder enc = EncoderFactory.get().binaryEncoder(out, null);
        new PrimitiveArrays.Writer<SpecificRecord>(e.getSchema()).write(e, enc);
        enc.flush();
        return out.toByteArray();
    }

    static <T> T read(Class<T> type, byte[] bytes) throws IOException {
        return PrimitiveArrays.reader(type).read(null, DecoderFactory.get().binaryDecoder(bytes, null));
    }

    @Test
    void writesAvrosBytesAndReadsThemBackIntoPrimitiveArrays() throws IOException {
        Random r = new Random(5);
        for (int n : new int[] { 0, 1, 2, 96, 100, 2_400, 9_000 }) {
            for (boolean primitive : new boolean[] { true, false }) {
                IntervalBlock b = block(r, n, primitive);
                byte[] bytes = avro(b);
                assertArrayEquals(bytes, ours(b), n + " values, primitive " + primitive);
                IntervalBlock back = read(IntervalBlock.class, bytes);
                assertEquals(b, back);
                assertInstanceOf(PrimitivesArrays.LongArray.class, back.getValues());
                assertInstanceOf(PrimitivesArrays.IntArray.class, back.getStatuses());
                assertArrayEquals(bytes, ours(back), "what was read is written as it was");
            }
            ChannelPeriodResult c = result(r, n);
            byte[] bytes = avro(c);
            assertArrayEquals(bytes, ours(c));
            ChannelPeriodResult back = read(ChannelPeriodResult.class, bytes);
            assertEquals(c, back);
            assertEquals(c.getComputedAt(), back.getComputedAt(), "logical types are read as before");
            assertArrayEquals(bytes, ours(back));
        }
    }

    @Test
    void readsArraysWrittenInBlocks() throws IOException {
        Random r = new Random(9);
        IntervalBlock b = block(r, 5_000, false);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // a blocking encoder writes arrays in blocks of a bounded size (several counts, some with sizes)
        BinaryEncoder enc = new EncoderFactory().configureBlockSize(64).blockingBinaryEncoder(out, null);
        new SpecificDatumWriter<IntervalBlock>(IntervalBlock.getClassSchema()).write(b, enc);
        enc.flush();
        IntervalBlock back = read(IntervalBlock.class, out.toByteArray());
        assertEquals(b, back);
    }

    @Test
    void promotesAWritersIntsToLongs() throws IOException {
        // an older writer whose values were ints: Avro's schema resolution promotes them, as it does without us
        Schema older = new Schema.Parser().parse("""
                {"type":"record","name":"Values","namespace":"energy.mdma.test","fields":[
                 {"name":"values","type":{"type":"array","items":"int"}}]}""");
        GenericRecord rec = new GenericData.Record(older);
        rec.put("values", List.of(1, -2, Integer.MAX_VALUE));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder enc = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(older).write(rec, enc);
        enc.flush();
        Schema reader = new Schema.Parser().parse("""
                {"type":"record","name":"Values","namespace":"energy.mdma.test","fields":[
                 {"name":"values","type":{"type":"array","items":"long"}}]}""");
        SpecificData model = PrimitiveArrays.model(getClass().getClassLoader());
        GenericRecord back = new PrimitiveArrays.Reader<GenericRecord>(older, reader, model)
                .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
        assertEquals(List.of(1L, -2L, (long) Integer.MAX_VALUE), back.get("values"));
        assertInstanceOf(PrimitivesArrays.LongArray.class, back.get("values"));
    }

    @Test
    void readsArraysAroundFieldsTheReaderDropsOrAdds() throws IOException {
        // a writer with a field the reader no longer has (skipped) between the arrays, and a reader with a field the
        // writer did not have (its default): the values are read through Avro's resolution, in step with the bytes
        Schema writer = new Schema.Parser().parse("""
                {"type":"record","name":"Values","namespace":"energy.mdma.test","fields":[
                 {"name":"usage","type":{"type":"array","items":"long"}},
                 {"name":"note","type":"string"},
                 {"name":"quality","type":{"type":"array","items":"int"}},
                 {"name":"total","type":"long"}]}""");
        Schema reader = new Schema.Parser().parse("""
                {"type":"record","name":"Values","namespace":"energy.mdma.test","fields":[
                 {"name":"usage","type":{"type":"array","items":"long"}},
                 {"name":"quality","type":{"type":"array","items":"int"}},
                 {"name":"flags","type":{"type":"array","items":"int"},"default":[7,8]},
                 {"name":"total","type":"long"}]}""");
        Random r = new Random(3);
        long[] usage = new long[3_000];
        int[] quality = new int[1_500];
        for (int i = 0; i < usage.length; i++) {
            usage[i] = value(r, i);
        }
        for (int i = 0; i < quality.length; i++) {
            quality[i] = r.nextInt() >> (i % 31);
        }
        GenericRecord rec = new GenericData.Record(writer);
        rec.put("usage", boxed(usage));
        rec.put("note", "dropped by the reader");
        rec.put("quality", intArray(quality));
        rec.put("total", 42L);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder enc = new EncoderFactory().configureBlockSize(256).blockingBinaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(writer).write(rec, enc);
        enc.flush();
        SpecificData model = PrimitiveArrays.model(getClass().getClassLoader());
        GenericRecord back = new PrimitiveArrays.Reader<GenericRecord>(writer, reader, model)
                .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
        assertEquals(boxed(usage), back.get("usage"));
        assertEquals(intArray(quality), back.get("quality"));
        assertEquals(List.of(7, 8), back.get("flags"));
        assertEquals(42L, back.get("total"));
        // the same record under its own schema: the values straight from the binary decoder
        GenericRecord same = new PrimitiveArrays.Reader<GenericRecord>(writer, writer, model)
                .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
        assertEquals(rec.toString(), same.toString());
        assertInstanceOf(PrimitivesArrays.LongArray.class, same.get("usage"));
    }

    @Test
    void aDamagedCountFailsAtTheEndOfTheBytesWithoutAllocatingIt() throws IOException {
        // a result whose usage array claims 2^31 - 9 values but whose bytes end after a few: the read fails as Avro's
        // does (the bytes ran out), not with gigabytes allocated for the claimed count (OutOfMemoryError, which would
        // take the service down on every restart while the record is read again)
        ChannelPeriodResult r = result(new Random(4), 3);
        byte[] bytes = avro(r);
        byte[] usage4 = avro(ChannelPeriodResult.newBuilder(r).setUsage(longArray(new long[] { 1, 2, 3, 4 })).build());
        int at = indexOfCount(bytes, usage4);
        ByteArrayOutputStream damaged = new ByteArrayOutputStream();
        damaged.write(bytes, 0, at);
        BinaryEncoder enc = EncoderFactory.get().binaryEncoder(damaged, null);
        enc.writeLong(Integer.MAX_VALUE - 8); // the array's (only) block count
        enc.flush();
        damaged.write(new byte[] { 2, 4, 6 }, 0, 3);
        assertThrows(java.io.EOFException.class, () -> read(ChannelPeriodResult.class, damaged.toByteArray()));
        assertEquals(1 << 16, PrimitiveArrays.initialCapacity(Integer.MAX_VALUE - 8));
        assertEquals(2_976, PrimitiveArrays.initialCapacity(2_976));
    }

    /** Where the usage array's count starts: the first byte at which a record with more usage values differs. */
    private static int indexOfCount(byte[] a, byte[] b) {
        int i = 0;
        while (i < a.length && i < b.length && a[i] == b[i]) {
            i++;
        }
        return i;
    }

    @Test
    void refusesAModelWithAvrosFastReader() {
        assertThrows(IllegalArgumentException.class, () -> new PrimitiveArrays.Reader<IntervalBlock>(
                IntervalBlock.getClassSchema(), IntervalBlock.getClassSchema(), new SpecificData()));
        // Avro's own reader, for comparison, still reads boxed lists
        assertInstanceOf(SpecificDatumReader.class, PrimitiveArrays.reader(IntervalBlock.class));
    }
}
