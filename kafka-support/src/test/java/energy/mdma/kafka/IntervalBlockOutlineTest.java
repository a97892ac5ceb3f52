package energy.mdma.kafka;

import energy.mdma.events.IntervalBlock;
import energy.mdma.events.IntervalStatus;
import org.apache.avro.AvroRuntimeException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link IntervalBlockOutline} tells what {@link IntervalBlockReader} reads of the same bytes, without the values: the
 * same fields and counts, whether every status set is one; and it refuses exactly the bytes the reader refuses - cut
 * short, damaged byte by byte, at any offset of a larger array - so that ingest may take its verdict for the reader's.
 */
class IntervalBlockOutlineTest {

    @Test
    void tellsWhatTheReaderReads() throws IOException {
        IntervalBlockReaderTest.everyBlock(new Random(17), (block, bytes, what) -> assertSame(
                IntervalBlockReader.read(bytes, 0, bytes.length), IntervalBlockOutline.read(bytes, 0, bytes.length), what),
                (block, around, what) -> assertSame(block, IntervalBlockOutline.read(around, 9, around.length - 20),
                        what));
    }

    @Test
    void aStatusSetOutsideTheKnownBitsIsTold() throws IOException {
        IntervalBlock block = EventSerializerTest.block(new Random(3), 96);
        List<Integer> statuses = new ArrayList<>(block.getStatuses());
        for (int bad : new int[] {-1, IntervalStatus.ALL_BITS + 1, Integer.MAX_VALUE, Integer.MIN_VALUE}) {
            statuses.set(50, bad);
            block.setStatuses(statuses);
            byte[] bytes = IntervalBlockReaderTest.bytes(block, false);
            assertFalse(IntervalBlockOutline.read(bytes, 0, bytes.length).statusesValid(), "status " + bad);
        }
        statuses.set(50, IntervalStatus.ALL_BITS);
        block.setStatuses(statuses);
        byte[] bytes = IntervalBlockReaderTest.bytes(block, false);
        assertTrue(IntervalBlockOutline.read(bytes, 0, bytes.length).statusesValid());
    }

    /**
     * Every cut and 20,000 damaged copies (one to four bytes replaced at random, in the header, the arrays or the
     * source): the outline refuses a copy if and only if the reader does, and otherwise tells what the reader read.
     */
    @Test
    void refusesWhatTheReaderRefuses() throws IOException {
        Random r = new Random(23);
        IntervalBlock block = EventSerializerTest.block(r, 96);
        for (boolean blocked : new boolean[] {false, true}) {
            byte[] bytes = IntervalBlockReaderTest.bytes(block, blocked);
            for (int cut = 0; cut < bytes.length; cut++) {
                int length = cut;
                assertThrows(AvroRuntimeException.class, () -> IntervalBlockOutline.read(bytes, 0, length),
                        "cut to " + length);
            }
        }
        int refused = 0;
        for (int round = 0; round < 20_000; round++) {
            byte[] bytes = IntervalBlockReaderTest.bytes(block, round % 2 == 0);
            int changes = 1 + r.nextInt(4);
            for (int c = 0; c < changes; c++) {
                bytes[r.nextInt(bytes.length)] = (byte) (r.nextInt(4) == 0 ? 0x80 | r.nextInt(128) : r.nextInt(256));
            }
            IntervalBlock read;
            try {
                read = IntervalBlockReader.read(bytes, 0, bytes.length);
            } catch (AvroRuntimeException e) {
                refused++;
                byte[] damaged = bytes;
                assertThrows(AvroRuntimeException.class, () -> IntervalBlockOutline.read(damaged, 0, damaged.length),
                        "round " + round + ": the reader refused (" + e.getMessage() + ")");
                continue;
            }
            assertSame(read, IntervalBlockOutline.read(bytes, 0, bytes.length), "round " + round);
        }
        assertTrue(refused > 1_000 && refused < 19_000, refused + " of 20,000 refused: both kinds are tried");
    }

    private static void assertSame(IntervalBlock block, IntervalBlockOutline outline, String what) {
        assertEquals(block.getMeterId(), outline.meterId(), what);
        assertEquals(block.getChannel(), outline.channel(), what);
        assertEquals(block.getIntervalMinutes(), outline.intervalMinutes(), what);
        assertEquals(block.getFirstIntervalEnd().toEpochMilli(), outline.firstIntervalEndMillis(), what);
        assertEquals(block.getValueScale(), outline.valueScale(), what);
        assertEquals(block.getValues().size(), outline.values(), what);
        assertEquals(block.getStatuses().size(), outline.statuses(), what);
        assertEquals(block.getStatuses().stream().allMatch(s -> s >= 0 && s <= IntervalStatus.ALL_BITS),
                outline.statusesValid(), what);
    }
}
