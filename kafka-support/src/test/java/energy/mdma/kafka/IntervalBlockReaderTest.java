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
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IntervalBlockReaderTest {

    private final DatumReader<IntervalBlock> avro = PrimitiveArrays.reader(IntervalBlock.class);
    private final IntervalBlockReader byHand = new IntervalBlockReader();

    @Test
    void readsEveryBlockAsAvrosOwnReaderDoes() throws IOException {
        Random r = new Random(7);
        for (int n : new int[] {0, 1, 2, 92, 96, 100, 1_440, 4_096}) {
            IntervalBlock block = EventSerializerTest.block(r, n);
            for (boolean blocked : new boolean[] {false, true}) {
                byte[] bytes = bytes(block, blocked);
                IntervalBlock read = byHand.read(null, DecoderFactory.get().binaryDecoder(bytes, null));
                assertEquals(block, read, n + " values" + (blocked ? ", arrays in blocks of 64 bytes" : ""));
                assertEquals(avro.read(null, DecoderFactory.get().binaryDecoder(bytes, null)), read);
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
            IntervalBlock read = byHand.read(null, DecoderFactory.get().binaryDecoder(bytes(block, false), null));
            assertEquals(block, read, type.name());
            assertEquals(null, read.getHeadEndId());
            assertEquals(null, read.getHeadEndSequence());
            assertEquals(type, read.getSource().getType());
        }
    }

    @Test
    void aDamagedEnumOrUnionIsRefusedNotMisread() throws IOException {
        IntervalBlock block = EventSerializerTest.block(new Random(3), 4);
        byte[] good = bytes(block, false);
        // the last bytes: union branch 1 of headEndSequence then its long; make the branch 2 (zig-zag 4)
        byte[] badUnion = good.clone();
        int seqLength = varintLength(block.getHeadEndSequence());
        badUnion[badUnion.length - seqLength - 1] = 4;
        assertThrows(AvroRuntimeException.class,
                () -> byHand.read(null, DecoderFactory.get().binaryDecoder(badUnion, null)));
    }

    @Test
    void theProviderReadsOnlyTheClassesOwnSchemaByHand() {
        GeneratedClassDatumProvider<Object> provider = new GeneratedClassDatumProvider<>();
        assertInstanceOf(IntervalBlockReader.class, provider.createDatumReader(IntervalBlock.getClassSchema()));
        assertInstanceOf(IntervalBlockReader.class,
                provider.createDatumReader(new Schema.Parser().parse(IntervalBlock.getClassSchema().toString())));
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
        assertFalse(IntervalBlockReader.reads(older));
        assertNotEquals(IntervalBlockReader.class, provider.createDatumReader(older).getClass());
        assertTrue(IntervalBlockReader.reads(IntervalBlock.getClassSchema()));
        assertThrows(IllegalArgumentException.class, () -> new IntervalBlockReader().setSchema(older));
    }

    private static byte[] bytes(IntervalBlock block, boolean blocked) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Encoder e = blocked ? new EncoderFactory().configureBlockSize(64).blockingBinaryEncoder(out, null)
                : EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<>(IntervalBlock.class).write(block, e);
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
