package energy.mdma.kafka;

import energy.mdma.events.ChannelPeriodResult;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Some fields of a record read from its bytes are the record's, whatever lies between them; bad bytes refused. */
class AvroFieldsTest {
    private static final Schema RESULT = ChannelPeriodResult.getClassSchema();
    private static final BinaryAvroSerde<ChannelPeriodResult> AVRO = new BinaryAvroSerde<>(ChannelPeriodResult.class);

    @Test
    void theNamedFieldsInTheOrderNamedPastArraysInOneBlockOrMany() throws Exception {
        AvroFields fields = new AvroFields(RESULT, "registerEnd", "meterId", "intervalsActual", "state", "channel",
                "total", "changedBy");
        Random r = new Random(17);
        for (int n : new int[] { 0, 1, 96, 2_976 }) {
            ChannelPeriodResult result = PrimitiveArraysTest.result(r, n);
            result.setRegisterEnd(n % 2 == 0 ? null : -7L * n);
            result.setTotal(n == 1 ? null : Long.MIN_VALUE + n);
            for (boolean blocked : new boolean[] { false, true }) {
                Object[] v = fields.read(IntervalBlockReaderTest.bytes(result, blocked));
                assertArrayEquals(new Object[] { result.getRegisterEnd(), result.getMeterId(),
                        result.getIntervalsActual(), result.getState().ordinal(), result.getChannel(),
                        result.getTotal(), result.getChangedBy() }, v, n + " values, blocked " + blocked);
            }
        }
        assertEquals(0, new AvroFields(RESULT).read(new byte[0]).length, "no field: nothing read");
    }

    @Test
    void bytesThatAreNoSuchRecordAreRefused() {
        byte[] bytes = AVRO.serializer().serialize(null, PrimitiveArraysTest.result(new Random(2), 96));
        AvroFields last = new AvroFields(RESULT, "previousTotal");
        for (int cut = 0; cut < bytes.length; cut++) {
            byte[] part = Arrays.copyOf(bytes, cut);
            assertThrows(AvroRuntimeException.class, () -> last.read(part), "cut " + cut);
        }
        // a number of 11 bytes among the usage values: no long
        AvroFields afterUsage = new AvroFields(RESULT, "intervalsExpected");
        byte[] longNumber = { 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 2, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80,
                (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 1, 0, 0, 0 };
        // meterId "", channel 1, account "", uom 0, start 0, end 0, version 0, state 0, minutes 0, no first end, usage
        AvroRuntimeException e = assertThrows(AvroRuntimeException.class, () -> afterUsage.read(longNumber));
        assertTrue(e.getMessage().contains("more than 10 bytes"), e.getMessage());
        byte[] fine = { 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 2, (byte) 0x80, 1, 0, 0, 6 };
        assertEquals(3, afterUsage.read(fine)[0]);
    }

    @Test
    void onlyFieldsItCanRead() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new AvroFields(RESULT, "usage"));
        assertTrue(e.getMessage().contains("ChannelPeriodResult.usage is a ARRAY"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new AvroFields(RESULT, "nothing"));
        assertTrue(e.getMessage().contains("has no field nothing"), e.getMessage());
    }
}
