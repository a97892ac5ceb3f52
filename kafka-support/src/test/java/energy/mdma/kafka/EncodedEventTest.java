package energy.mdma.kafka;

import energy.mdma.events.ChannelPeriodResult;
import energy.mdma.events.IntervalBlock;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A record kept as written is the datum's bytes exactly (whatever is around them left out), decodes to what was
 * written, and is refused, as a reader would refuse it, when it is no such datum.
 */
class EncodedEventTest {
    private static final Schema RESULT = ChannelPeriodResult.getClassSchema();
    private static final BinaryAvroSerde<ChannelPeriodResult> AVRO = new BinaryAvroSerde<>(ChannelPeriodResult.class);

    @Test
    void theDatumsBytesAtAnyOffsetInOneBlockOrMany() throws Exception {
        Random r = new Random(5);
        for (int n : new int[] { 0, 1, 96, 2_976 }) {
            ChannelPeriodResult result = PrimitiveArraysTest.result(r, n);
            for (boolean blocked : new boolean[] { false, true }) {
                byte[] datum = IntervalBlockReaderTest.bytes(result, blocked);
                // inside a larger array: bytes of other records before it and after it (Avro's reader ignores those)
                byte[] around = new byte[datum.length + 40];
                Arrays.fill(around, (byte) 0x81);
                System.arraycopy(datum, 0, around, 13, datum.length);
                EncodedEvent e = EncodedEvent.read(RESULT, around, 13, datum.length + 27);
                assertSame(RESULT, e.schema());
                assertArrayEquals(datum, e.body(), n + " values, blocked " + blocked);
                assertEquals(result, AVRO.deserializer().deserialize(null, e.body()));
            }
        }
    }

    @Test
    void whatAReaderWouldRefuseIsRefused() {
        byte[] datum = AVRO.serializer().serialize(null, PrimitiveArraysTest.result(new Random(9), 96));
        for (int cut = 0; cut < datum.length; cut++) {
            int length = cut;
            assertThrows(AvroRuntimeException.class, () -> EncodedEvent.read(RESULT, datum, 0, length), "cut " + cut);
        }
        assertEquals(datum.length, EncodedEvent.read(RESULT, datum, 0, datum.length).body().length);
        assertThrows(AvroRuntimeException.class, () -> EncodedEvent.read(RESULT, datum, 5, datum.length));

        // uom (the fourth field) is an enum: a symbol it does not have
        byte[] badSymbol = datum.clone();
        AvroBytes fields = new AvroBytes(datum, 0, datum.length, "test");
        fields.string(); // meterId
        fields.intValue(); // channel
        fields.string(); // serviceAccount
        badSymbol[fields.position()] = 2 * 50; // zig-zag, one byte

        AvroRuntimeException e = assertThrows(AvroRuntimeException.class,
                () -> EncodedEvent.read(RESULT, badSymbol, 0, badSymbol.length));
        assertTrue(e.getMessage().contains("no symbol 50"), e.getMessage());

        // firstIntervalEnd is ["null", timestamp]: a branch it does not have
        Schema twoFields = SchemaBuilder.record("T").fields().requiredInt("a")
                .name("b").type(RESULT.getField("firstIntervalEnd").schema()).noDefault().endRecord();
        byte[] badBranch = { 2, 4, 2 };
        e = assertThrows(AvroRuntimeException.class, () -> EncodedEvent.read(twoFields, badBranch, 0, 3));
        assertTrue(e.getMessage().contains("no union branch 2"), e.getMessage());
        assertEquals(3, EncodedEvent.read(twoFields, new byte[] { 2, 2, 2 }, 0, 3).body().length);
    }

    @Test
    void onlyTheClassesOwnSchemaIsKeptEncoded() {
        EventDeserializer.OwnSchema own = new EventDeserializer.OwnSchema(RESULT);
        assertTrue(own.is(RESULT));
        Schema parsed = new Schema.Parser().parse(RESULT.toString());
        assertTrue(own.is(parsed), "equal, not the same instance");
        assertSame(parsed, own.found);
        assertFalse(own.is(IntervalBlock.getClassSchema()));
        // a result without its last field (an older vee's): decoded with schema resolution, not kept
        SchemaBuilder.FieldAssembler<Schema> older = SchemaBuilder.record(RESULT.getName())
                .namespace(RESULT.getNamespace()).fields();
        for (Schema.Field f : RESULT.getFields().subList(0, RESULT.getFields().size() - 1)) {
            older = older.name(f.name()).type(f.schema()).noDefault();
        }
        assertFalse(own.is(older.endRecord()));
    }
}
