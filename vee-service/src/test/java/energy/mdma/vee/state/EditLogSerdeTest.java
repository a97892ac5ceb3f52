package energy.mdma.vee.state;

import energy.mdma.events.EditAction;
import energy.mdma.events.EditedInterval;
import energy.mdma.events.ManualEdit;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static energy.mdma.vee.state.StoredBytes.assertSameBytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EditLogSerdeTest {
    private static final Instant END = Instant.parse("2025-11-10T20:00:00Z");
    private static final Instant AT = Instant.parse("2025-12-01T17:00:00Z");
    private final EditLogSerde serde = new EditLogSerde();

    @Test
    void intervalAndRegisterEditsAndAWithdrawal() {
        EditLog log = new EditLog();
        log.apply(ManualEdit.newBuilder().setEditId("a").setMeterId("M1").setChannel(1)
                .setIntervals(List.of(new EditedInterval(END, 1000L), new EditedInterval(END.plusSeconds(900),
                        Long.MIN_VALUE)))
                .setReason("FIELD_READ: read on site").setReasonCode("FIELD_READ").setComment("lu sur place, café ☕")
                .setEditedBy("opa").setEditedAt(AT).build());
        log.apply(ManualEdit.newBuilder().setEditId("r").setMeterId("M1").setChannel(1).setIntervals(List.of())
                .setReadDate(LocalDate.of(2025, 11, 30)).setReading(Long.MAX_VALUE).setReason("dial")
                .setReasonCode(null).setComment(null).setEditedBy("").setEditedAt(AT.plusSeconds(60)).build());
        log.apply(ManualEdit.newBuilder().setEditId("w-a").setMeterId("M1").setChannel(1).setIntervals(List.of())
                .setReason("withdrawn").setComment("wrong meter").setEditedBy("lead").setEditedAt(AT.plusSeconds(120))
                .setAction(EditAction.WITHDRAW).setWithdrawsEditId("a").build());
        EditLog read = assertSameBytes(serde, log,
                "fffffffe0000000200016100036f70610000019adadb5a8000234649454c445f524541443a206c752073757220706c61"
                + "63652c20636166c3a920e2989580000000000000000000000000000000000000020000019a6f5a9a0000000000000003"
                + "e80000019a6f6855a080000000000000000100046c6561640000019adadd2f40000d3a2077726f6e67206d6574657200"
                + "017200000000019adadc44e000046469616c0000000000004fc67fffffffffffffff0000000000");
        assertEquals(List.of("a", "r"), List.copyOf(read.entries.keySet()));
        EditLog.Entry a = read.entries.get("a");
        assertTrue(a.withdrawn());
        assertEquals("FIELD_READ: lu sur place, café ☕", a.reason);
        assertEquals(Long.MIN_VALUE, a.intervals.get(END.plusSeconds(900).toEpochMilli()));
        EditLog.Entry r = read.entries.get("r");
        assertFalse(r.withdrawn());
        assertEquals(LocalDate.of(2025, 11, 30), r.readDate);
        assertEquals(Long.MAX_VALUE, r.reading);
        assertEquals("", r.editedBy);
        assertEquals(Long.MAX_VALUE, read.inForce().readings().get(LocalDate.of(2025, 11, 30)));
        assertNull(read.inForce().intervals().get(END.getEpochSecond()), "the withdrawn edit is not in force");
    }

    @Test
    void anEmptyLog() {
        assertTrue(assertSameBytes(serde, new EditLog(), "fffffffe00000000").isEmpty());
    }
}
