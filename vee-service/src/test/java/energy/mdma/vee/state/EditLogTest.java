package energy.mdma.vee.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import energy.mdma.events.EditAction;
import energy.mdma.events.EditedInterval;
import energy.mdma.events.ManualEdit;
import energy.mdma.vee.model.ManualEdits;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EditLogTest {
    static final Instant END = Instant.parse("2025-11-10T20:00:00Z");
    static final Instant AT = Instant.parse("2025-12-01T17:00:00Z");

    static ManualEdit edit(String id, long usage, int minutesLater) {
        return ManualEdit.newBuilder().setEditId(id).setMeterId("M1").setChannel(1)
                .setIntervals(List.of(new EditedInterval(END, usage))).setReason("FIELD_READ: read on site")
                .setReasonCode("FIELD_READ").setComment("read on site by J. Doe").setEditedBy("op" + id)
                .setEditedAt(AT.plusSeconds(60L * minutesLater)).build();
    }

    static ManualEdit withdraw(String id, int minutesLater) {
        return ManualEdit.newBuilder().setEditId("w-" + id).setMeterId("M1").setChannel(1).setIntervals(List.of())
                .setReason("withdrawn").setComment("entered on the wrong meter").setEditedBy("lead")
                .setEditedAt(AT.plusSeconds(60L * minutesLater)).setAction(EditAction.WITHDRAW)
                .setWithdrawsEditId(id).build();
    }

    static Long valueOf(EditLog log) {
        return log.inForce().intervals().get(END.getEpochSecond());
    }

    @Test
    void theLatestEditInForceStandsAndAWithdrawalLetsTheEarlierOneStandAgain() {
        EditLog log = new EditLog();
        log.apply(edit("a", 1000, 0));
        log.apply(edit("b", 2000, 1));
        assertEquals(2000L, valueOf(log), "a later edit of the same interval replaces the earlier one");
        log.apply(withdraw("b", 2));
        assertEquals(1000L, valueOf(log), "evaluated as if the withdrawn edit had never been made");
        log.apply(withdraw("a", 3));
        assertNull(valueOf(log));
        assertEquals(ManualEdits.NONE, log.inForce());
    }

    @Test
    void aWithdrawalOfAnUnknownOrWithdrawnEditChangesNothing() {
        EditLog log = new EditLog();
        assertNull(log.apply(withdraw("x", 0)));
        log.apply(edit("a", 1000, 0));
        assertTrue(log.apply(withdraw("a", 1)) != null);
        assertNull(log.apply(withdraw("a", 2)));
    }

    @Test
    void theChangeReasonNamesTheLatestEditOrWithdrawalOfThePeriod() {
        EditLog log = new EditLog();
        LocalDate from = LocalDate.of(2025, 11, 1);
        LocalDate to = LocalDate.of(2025, 11, 20);
        log.apply(edit("a", 1000, 0));
        assertEquals("opa", log.latestChange(from, to).by());
        assertTrue(log.latestChange(from, to).description().contains("FIELD_READ: read on site by J. Doe"));
        log.apply(withdraw("a", 5));
        assertEquals("lead", log.latestChange(from, to).by());
        assertTrue(log.latestChange(from, to).description().startsWith("withdrawal of manual edit a"));
        assertNull(log.latestChange(LocalDate.of(2025, 12, 1), LocalDate.of(2025, 12, 31)));
    }

    @Test
    void registerEditsAndWithdrawalsSurviveTheStore() {
        EditLog log = new EditLog();
        log.apply(edit("a", 1000, 0));
        log.apply(ManualEdit.newBuilder().setEditId("r").setMeterId("M1").setChannel(1).setIntervals(List.of())
                .setReadDate(LocalDate.of(2025, 11, 20)).setReading(12345L).setReason("METER_TEST")
                .setEditedBy("op").setEditedAt(AT).build());
        log.apply(edit("b", 2000, 1));
        log.apply(withdraw("b", 2));
        EditLog back = EditLog.decode(log.encode());
        assertEquals(log.inForce(), back.inForce());
        assertEquals(Map.of(LocalDate.of(2025, 11, 20), 12345L), back.inForce().readings());
        assertEquals(1000L, valueOf(back));
        assertEquals("lead", back.latestChange(LocalDate.of(2025, 11, 1), LocalDate.of(2025, 11, 20)).by());
    }

    @Test
    void theFirstStoredFormatIsStillRead() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(1);
        out.writeLong(LocalDate.of(2025, 11, 28).toEpochDay());
        out.writeUTF("manual edit e1 by operator: customer confirmed usage");
        out.writeInt(1);
        out.writeLong(END.toEpochMilli());
        out.writeLong(500L);
        EditLog log = EditLog.decode(bytes.toByteArray());
        assertEquals(500L, valueOf(log));
    }
}
