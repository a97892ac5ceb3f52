package energy.mdma.kafka;

import energy.mdma.events.IntervalBlock;
import energy.mdma.events.Source;
import energy.mdma.events.SourceType;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.Encoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link IntervalBlockReader} reads what Avro's own reader reads from the same bytes: every length of array (in one
 * block and in many), the nullable fields, every source type, at any offset of a larger array; and refuses what Avro
 * cannot read instead of reading past the record.
 */
class IntervalBlockReaderTest {

    private final DatumReader<IntervalBlock> avro = PrimitiveArrays.reader(IntervalBlock.class);

    @Test
    void readsEveryBlockAsAvrosOwnReaderDoesWhereItLies() throws IOException {
        everyBlock(new Random(7), (block, bytes, what) -> {
            assertEquals(block, IntervalBlockReader.read(bytes, 0, bytes.length), what);
            assertEquals(avro.read(null, DecoderFactory.get().binaryDecoder(bytes, null)),
                    IntervalBlockReader.read(bytes, 0, bytes.length), what);
        }, (block, around, what) -> assertEquals(block, IntervalBlockReader.read(around, 9, around.length - 20),
                what));
    }

    /** A check of a block's bytes ({@code what} says which block and how written). */
    interface BlockCheck {
        void check(IntervalBlock block, byte[] bytes, String what) throws IOException;
    }

    /**
     * Blocks of every array length of these tests (0 to 4,096 values; the one of 1 value without the nullable
     * fields), written plainly and with their arrays in blocks of 64 bytes: {@code check} gets the bytes, {@code
     * inside} the same bytes 9 bytes into a larger array filled with continuation bytes (0x81, so that a read past the
     * record would go on), 20 bytes longer.
     */
    static void everyBlock(Random r, BlockCheck check, BlockCheck inside) throws IOException {
        for (int n : new int[] {0, 1, 2, 92, 96, 100, 1_440, 4_096}) {
            IntervalBlock block = EventSerializerTest.block(r, n);
            if (n == 1) {
                block.setHeadEndId(null);
                block.setHeadEndSequence(null);
            }
            for (boolean blocked : new boolean[] {false, true}) {
                byte[] bytes = bytes(block, blocked);
                String what = n + " values" + (blocked ? ", arrays in blocks of 64 bytes" : "");
                check.check(block, bytes, what);
                byte[] around = new byte[bytes.length + 20];
                Arrays.fill(around, (byte) 0x81);
                System.arraycopy(bytes, 0, around, 9, bytes.length);
                inside.check(block, around, what + ", at an offset");
            }
        }
    }

    @Test
    void readsTheNullableFieldsAndEverySourceType() throws IOException {
        Random r = new Random(11);
        for (SourceType type : SourceType.values()) {
            IntervalBlock block = EventSerializerTest.block(r, 96);
            block.setHeadEndId(null);
            block.setHeadEndSequence(null);
            block.setSource(new Source(type, "file-" + type, 42L, Instant.parse("2026-03-08T10:00:00Z")));
            byte[] bytes = bytes(block, false);
            IntervalBlock read = IntervalBlockReader.read(bytes, 0, bytes.length);
            assertEquals(block, read, type.name());
            assertNull(read.getHeadEndId());
            assertNull(read.getHeadEndSequence());
            assertEquals(type, read.getSource().getType());
        }
    }

    @Test
    void aRecordCutShortDamagedOrOutOfItsArrayIsRefused() throws IOException {
        IntervalBlock block = EventSerializerTest.block(new Random(9), 40);
        byte[] bytes = bytes(block, true);
        for (int cut = 0; cut < bytes.length; cut++) {
            int length = cut;
            assertThrows(AvroRuntimeException.class, () -> IntervalBlockReader.read(bytes, 0, length),
                    "cut to " + cut + " of " + bytes.length + " bytes");
        }
        assertThrows(AvroRuntimeException.class, () -> IntervalBlockReader.read(bytes, 1, bytes.length));
        assertThrows(AvroRuntimeException.class, () -> IntervalBlockReader.read(bytes, -1, 3));
        // the last bytes: union branch 1 of headEndSequence, then its long; a branch 2 (zig-zag 4) does not exist
        byte[] badUnion = bytes(block, false);
        badUnion[badUnion.length - varintLength(block.getHeadEndSequence()) - 1] = 4;
        AvroRuntimeException e = assertThrows(AvroRuntimeException.class,
                () -> IntervalBlockReader.read(badUnion, 0, badUnion.length));
        assertTrue(e.getMessage().contains("IntervalBlock.headEndSequence"), e.getMessage());
    }

    @Test
    void onlyTheClassesOwnSchemaIsReadHere() {
        EventDeserializer.OwnSchema reads = new EventDeserializer.OwnSchema(IntervalBlock.getClassSchema());
        assertTrue(reads.is(IntervalBlock.getClassSchema()));
        assertTrue(reads.is(new Schema.Parser().parse(IntervalBlock.getClassSchema().toString())));
        // an older block (no headEndSequence): Avro's path, which resolves it
        Schema older = SchemaBuilder.record("IntervalBlock").namespace("energy.mdma.events").fields()
                .requiredString("meterId").requiredInt("channel").requiredInt("intervalMinutes")
                .name("firstIntervalEnd").type(IntervalBlock.getClassSchema().getField("firstIntervalEnd").schema())
                .noDefault()
                .name("valueScale").type().intType().intDefault(6)
                .name("values").type().array().items().longType().noDefault()
                .name("statuses").type().array().items().intType().noDefault()
                .name("source").type(Source.getClassSchema()).noDefault()
                .name("headEndId").type().optional().stringType()
                .endRecord();
        assertFalse(reads.is(older));
    }

    static byte[] bytes(SpecificRecord record, boolean blocked) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Encoder e = blocked ? new EncoderFactory().configureBlockSize(64).blockingBinaryEncoder(out, null)
                : EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<SpecificRecord>(record.getSchema()).write(record, e);
        e.flush();
        return out.toByteArray();
    }

    private static int varintLength(long v) {
        long z = (v << 1) ^ (v >> 63);
        int n = 1;
        while ((z & ~0x7FL) != 0) {
            z >>>= 7;
            n++;
        }
        return n;
    }
}
