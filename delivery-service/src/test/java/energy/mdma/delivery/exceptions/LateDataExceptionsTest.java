package energy.mdma.delivery.exceptions;

import energy.mdma.events.DecimalValue;
import energy.mdma.events.DocumentPosted;
import energy.mdma.events.MailboxFileKind;
import energy.mdma.events.MeterEvent;
import energy.mdma.events.ReportPurpose;
import energy.mdma.events.ReportRef;
import energy.mdma.events.ScheduledReadDate;
import energy.mdma.events.VeeException;
import energy.mdma.timeliness.TimelinessConfig;
import energy.mdma.timeliness.TimelinessService;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The exception of data missing past deadline 1: when it is raised, that it is raised once, when it resolves. */
class LateDataExceptionsTest {

    private static final ZoneId LA = ZoneId.of("America/Los_Angeles");
    private static final LocalDate OPENING = LocalDate.parse("2026-02-02");
    private static final LocalDate R = LocalDate.parse("2026-03-02"); // a Monday

    private final TimelinessService timeliness = new TimelinessService(TimelinessConfig.defaults(), Clock.systemUTC());
    private final ExceptionView view = new ExceptionView(1000, 1 << 20);
    private final List<VeeException> published = new ArrayList<>();
    private boolean ready = true;
    /** meters whose events the log does not take (a broker away, a write timing out) */
    private final Set<String> notTaken = new HashSet<>();
    private final List<Integer> batches = new ArrayList<>();
    private final LateDataExceptions late = new LateDataExceptions(timeliness, view, events -> {
        batches.add(events.size());
        List<VeeException> taken = new ArrayList<>();
        for (VeeException e : events) {
            if (!notTaken.contains(e.getMeterId())) {
                taken.add(e);
            }
        }
        published.addAll(taken);
        return taken;
    }, () -> ready);

    private static Instant local(String t) {
        return LocalDateTime.parse(t).atZone(LA).toInstant();
    }

    private void meters() {
        for (String[] m : new String[][]{{"M1", "15"}, {"M2", "15"}, {"N1", "0"}}) {
            timeliness.apply(MeterEvent.newBuilder().setMeterId(m[0]).setServiceAccount("A-" + m[0]).setUdcId("SCE")
                    .setEspId("ESP1").setCustomerName("c").setReadCycle("C1").setIntervalMinutes(Integer.parseInt(m[1]))
                    .setDials(5).setMeterMultiplier(DecimalValue.newBuilder().setUnscaled(1).setScale(0).build()).build());
        }
        for (LocalDate d : List.of(OPENING, R)) {
            timeliness.apply(ScheduledReadDate.newBuilder().setReadCycle("C1").setReadDate(d).build());
        }
    }

    private void post(String account, String meter, Instant at) {
        timeliness.apply(DocumentPosted.newBuilder().setFileId("SCE-867-" + at.toEpochMilli()).setReceiverPartyId("SCE")
                .setKind(MailboxFileKind.EDI_867).setFileName("f.x12").setInterchangeControlNumber(1L).setCreatedAt(at)
                .setSha256("00").setContent(ByteBuffer.wrap(new byte[0]))
                .setReports(List.of(ReportRef.newBuilder().setServiceAccount(account).setPeriodStart(OPENING)
                        .setPeriodEnd(R).setReportId("r-" + account).setPurpose(ReportPurpose.ORIGINAL)
                        .setMeterIds(List.of(meter)).build())).build());
    }

    @Test
    void raisedOnceWhenDeadlineOnePassesWithoutTheDataAndResolvedWhenThe867IsPosted() {
        meters();
        post("A-M2", "M2", local("2026-03-03T09:00")); // M2 in time
        // before any deadline 1 (non-interval: 06:00 on the first working day after R)
        assertEquals(new LateDataExceptions.Round(0, 0), late.run(local("2026-03-03T05:59")));
        // non-interval deadline 1 is 06:00 on the first working day after R: passed at 07:00 on 03-03
        LateDataExceptions.Round first = late.run(local("2026-03-03T07:00"));
        assertEquals(1, first.raised(), "N1's reading of R is missing: " + published);
        assertEquals("N1", published.get(0).getMeterId());
        assertEquals("READING", published.get(0).getMissing().get(0).getWhat());
        assertEquals(R.atStartOfDay(LA).toInstant(), published.get(0).getMissing().get(0).getFrom());

        LateDataExceptions.Round second = late.run(local("2026-03-04T00:00"));
        assertEquals(1, second.raised(), "M1 now (M2 was posted in time)");
        VeeException m1 = published.get(1);
        assertEquals("M1", m1.getMeterId());
        assertEquals(LateDataExceptions.TYPE, m1.getCode());
        assertEquals(OPENING, m1.getPeriodStart());
        assertEquals(R, m1.getPeriodEnd());
        assertEquals("SCE", m1.getUdcId());
        assertEquals("ESP1", m1.getEspId());
        assertEquals(OPENING.atStartOfDay(LA).toInstant(), m1.getMissing().get(0).getFrom());
        assertEquals(R.atStartOfDay(LA).toInstant(), m1.getMissing().get(0).getTo());
        assertTrue(m1.getMessage().contains("deadline 1") && m1.getMessage().contains("read again"), m1.getMessage());

        assertEquals(new LateDataExceptions.Round(0, 0), late.run(local("2026-03-05T12:00")), "raised once");
        assertEquals(2, view.open(LateDataExceptions.TYPE).size());

        post("A-M1", "M1", local("2026-03-05T13:00"));
        assertEquals(new LateDataExceptions.Round(0, 0), late.run(local("2026-03-05T12:30")),
                "a posting after now does not count yet");
        assertEquals(new LateDataExceptions.Round(0, 1), late.run(local("2026-03-05T13:01")));
        VeeException resolution = published.get(published.size() - 1);
        assertTrue(resolution.getResolved());
        assertEquals("timeliness", resolution.getResolvedBy());
        String id = ExceptionIds.of(LateDataExceptions.TYPE, "M1", null, "A-M1", R);
        assertEquals(OpsException.Status.RESOLVED, view.get(id).orElseThrow().status());
        assertEquals(new LateDataExceptions.Round(0, 0), late.run(local("2026-03-06T12:00")), "resolved once");
    }

    @Test
    void aRoundWritesItsEventsAsOneBatchAndWhatTheLogDidNotTakeIsRaisedAgainNextRound() {
        meters();
        notTaken.add("M2");
        LateDataExceptions.Round first = late.run(local("2026-03-05T12:00"));
        assertEquals(List.of(3), batches, "the three late meters in one batch");
        assertEquals(2, first.raised(), "M2's event was not taken");
        assertTrue(view.get(ExceptionIds.of(LateDataExceptions.TYPE, "M2", null, "A-M2", R)).isEmpty(),
                "what the log did not take is not in the view");
        notTaken.clear();
        LateDataExceptions.Round second = late.run(local("2026-03-05T12:10"));
        assertEquals(1, second.raised(), "M2 again, and only M2");
        assertEquals("M2", published.get(published.size() - 1).getMeterId());
        assertEquals(3, view.open(LateDataExceptions.TYPE).size());
        assertEquals(new LateDataExceptions.Round(0, 0), late.run(local("2026-03-05T12:20")));
    }

    @Test
    void nothingIsRaisedWhileTheViewIsReplayed() {
        meters();
        ready = false;
        assertEquals(new LateDataExceptions.Round(0, 0), late.run(local("2026-03-05T12:00")));
        assertEquals(List.of(), published);
        ready = true;
        assertEquals(3, late.run(local("2026-03-05T12:00")).raised());
    }
}
