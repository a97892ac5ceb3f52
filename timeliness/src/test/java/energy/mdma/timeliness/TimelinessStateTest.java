package energy.mdma.timeliness;

import static energy.mdma.timeliness.Fx.cancellation;
import static energy.mdma.timeliness.Fx.doc;
import static energy.mdma.timeliness.Fx.local;
import static energy.mdma.timeliness.Fx.meter;
import static energy.mdma.timeliness.Fx.original;
import static energy.mdma.timeliness.Fx.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import energy.mdma.events.CohortFigures;
import energy.mdma.events.CohortStatus;
import energy.mdma.events.DataType;
import energy.mdma.events.DocumentPosted;
import energy.mdma.events.MailboxFileKind;
import energy.mdma.events.Notice;
import energy.mdma.events.NoticeKind;
import energy.mdma.events.ObligationMet;
import energy.mdma.testsupport.TestClock;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TimelinessStateTest {

    private static final LocalDate R = LocalDate.parse("2025-11-20");

    private final TimelinessConfig config = TimelinessConfig.defaults();

    private static Cohort cohort(List<Cohort> cohorts, DataType type, String esp, LocalDate readDate) {
        return cohorts.stream()
                .filter(c -> c.key().dataType() == type && java.util.Objects.equals(c.key().esp(), esp)
                        && c.key().readDate().equals(readDate))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no cohort " + type + " " + esp + " " + readDate + " in " + cohorts));
    }

    private static Map<Integer, CohortStatus> statuses(CohortStatus s1, CohortStatus s2, CohortStatus s5) {
        return Map.of(1, s1, 2, s2, 5, s5);
    }

    private static List<String> lateIds(Cohort c) {
        return c.late().stream().map(Cohort.Late::meterId).toList();
    }

    // ------------------------------------------------------------------ a cohort that meets

    @Test
    void cohortThatMeets() {
        TimelinessState s = new TimelinessState(config);
        s.apply(read("01", "2025-10-20"));
        s.apply(read("01", "2025-11-20"));
        s.apply(meter("M1", "A1", "SCE", "ESP01", "01", 15));
        s.apply(meter("M2", "A1", "SCE", "ESP01", "01", 15));
        s.apply(meter("M3", "A2", "SCE", "ESP02", "01", 15));

        List<ObligationMet> met = s.apply(doc("F1", "SCE", local("2025-11-21T09:00"),
                original("A1", "2025-10-20", "2025-11-20"), original("A2", "2025-10-20", "2025-11-20")));
        assertEquals(Set.of("M1", "M2", "M3"), met.stream().map(ObligationMet::getMeterId).collect(Collectors.toSet()));
        ObligationMet m1 = met.stream().filter(m -> m.getMeterId().equals("M1")).findFirst().orElseThrow();
        assertEquals(R, m1.getReadDate());
        assertEquals(local("2025-11-21T09:00"), m1.getMetAt());
        assertEquals("F1", m1.getFileId());
        assertEquals(DataType.INTERVAL, m1.getDataType());
        assertEquals("ESP01", m1.getEspId());

        // before the first deadline: provisional MET already (cannot go down unless obligations are added)
        List<Cohort> before = s.cohorts("SCE", LocalDate.parse("2025-10-01"), LocalDate.parse("2025-11-30"),
                local("2025-11-21T10:00"));
        // the cycle's first read date 2025-10-20 creates no obligation: only 2025-11-20 cohorts (all, ESP01, ESP02)
        assertEquals(3, before.size());
        assertTrue(before.stream().allMatch(c -> c.key().readDate().equals(R)));
        Cohort all = cohort(before, DataType.INTERVAL, null, R);
        assertEquals(3, all.obligations());
        assertEquals(Map.of(1, 3, 2, 3, 5, 3), all.met());
        assertEquals(statuses(CohortStatus.MET, CohortStatus.MET, CohortStatus.MET), all.status());
        assertEquals(new BigDecimal("100.00"), all.percent().get(1));
        assertTrue(all.late().isEmpty());
        assertEquals(2, cohort(before, DataType.INTERVAL, "ESP01", R).obligations());

        // as of a time before the posting, nothing is met yet
        Cohort early = cohort(s.cohorts("SCE", R, R, local("2025-11-21T08:00")), DataType.INTERVAL, null, R);
        assertEquals(Map.of(1, 0, 2, 0, 5, 0), early.met());
        assertEquals(statuses(CohortStatus.IN_PROGRESS, CohortStatus.IN_PROGRESS, CohortStatus.IN_PROGRESS),
                early.status());
        assertEquals(List.of("M1", "M2", "M3"), lateIds(early));

        // final after every deadline, no notices
        Evaluation ev = s.evaluate(local("2025-11-30T12:00"));
        assertTrue(ev.notices().isEmpty());
        assertEquals(3, ev.figures().size());
        assertTrue(ev.figures().stream().allMatch(f -> f.getStatus().values().stream().allMatch(x -> x == CohortStatus.MET)));
        assertTrue(s.evaluate(local("2025-11-30T13:00")).isEmpty(), "unchanged figures are not emitted again");
    }

    // ------------------------------------------------------------------ at risk, then missed, notices once

    private static List<Object> tenMeters() {
        List<Object> events = new ArrayList<>();
        events.add(read("07", "2025-10-20"));
        events.add(read("07", "2025-11-20"));
        for (int i = 1; i <= 10; i++) {
            String n = String.format("%02d", i);
            events.add(meter("M" + n, "A" + n, "SCE", i <= 6 ? "ESP01" : "ESP02", "07", 15));
        }
        // 7 of 10 the day after: ESP01 5 of 6 (83%), ESP02 2 of 4 (50%)
        List<energy.mdma.events.ReportRef> first = new ArrayList<>();
        for (String a : List.of("A01", "A02", "A03", "A04", "A05", "A07", "A08")) {
            first.add(original(a, "2025-10-20", "2025-11-20"));
        }
        events.add(doc("F1", "SCE", local("2025-11-21T10:00"), first.toArray(energy.mdma.events.ReportRef[]::new)));
        return events;
    }

    private static void feed(TimelinessState s, List<Object> events) {
        for (Object e : events) {
            if (e instanceof energy.mdma.events.MeterEvent m) {
                s.apply(m);
            } else if (e instanceof energy.mdma.events.ScheduledReadDate r) {
                s.apply(r);
            } else if (e instanceof DocumentPosted d) {
                s.apply(d);
            } else {
                throw new IllegalArgumentException(String.valueOf(e));
            }
        }
    }

    private static Set<String> noticeKeys(List<Notice> notices) {
        return notices.stream().map(n -> n.getKind() + " " + n.getNoticeId()).collect(Collectors.toSet());
    }

    @Test
    void cohortGoesAtRiskThenMissesWithNoticesOnce() {
        TimelinessState s = new TimelinessState(config);
        List<Object> events = tenMeters();
        feed(s, events);
        List<CohortFigures> emittedFigures = new ArrayList<>();
        List<Notice> emittedNotices = new ArrayList<>();

        // 12 hours before deadline 1: in progress, nobody notified
        Evaluation noon = s.evaluate(local("2025-11-21T12:00"));
        assertTrue(noon.notices().isEmpty());
        assertEquals(3, noon.figures().size());
        emittedFigures.addAll(noon.figures());
        CohortFigures allNoon = noon.figures().stream().filter(f -> f.getEspId() == null).findFirst().orElseThrow();
        assertEquals(10, allNoon.getObligations());
        assertEquals(7, allNoon.getMet().get("1"));
        assertEquals(CohortStatus.IN_PROGRESS, allNoon.getStatus().get("1"));
        assertEquals(CohortStatus.MET, noon.figures().stream().filter(f -> "ESP01".equals(f.getEspId()))
                .findFirst().orElseThrow().getStatus().get("1"));

        // 5.5 hours before: at risk for k=1, the UDC-wide cohort and ESP02 (ESP01 has met 80%)
        Evaluation evening = s.evaluate(local("2025-11-21T18:30"));
        emittedFigures.addAll(evening.figures());
        emittedNotices.addAll(evening.notices());
        assertEquals(Set.of(
                        "TIMELINESS_AT_RISK timeliness:TIMELINESS_AT_RISK:INTERVAL:SCE:ALL:2025-11-20:1",
                        "TIMELINESS_AT_RISK timeliness:TIMELINESS_AT_RISK:INTERVAL:SCE:ESP02:2025-11-20:1"),
                noticeKeys(evening.notices()));
        Notice atRisk = evening.notices().stream().filter(n -> n.getNoticeId().contains(":ALL:")).findFirst().orElseThrow();
        assertEquals("SCE", atRisk.getPartyId());
        assertEquals(List.of("A06", "A09", "A10"), atRisk.getAccounts());
        assertEquals(local("2025-11-22T00:00"), atRisk.getExpectedBy(), "expected by deadline 1");
        assertEquals(local("2025-11-21T18:30"), atRisk.getPostedAt());
        assertTrue(atRisk.getText().contains("A06") && atRisk.getText().contains("A10"), atRisk.getText());
        assertTrue(atRisk.getText().contains("70.00%") && atRisk.getText().contains("80.00%"), atRisk.getText());
        assertEquals(2, evening.figures().size(), "the two cohorts whose status changed");

        // the next ticks while still at risk: nothing repeated
        assertTrue(s.evaluate(local("2025-11-21T19:00")).isEmpty());
        assertTrue(s.evaluate(local("2025-11-21T23:59")).isEmpty());

        // past deadline 1: missed, notified once
        Evaluation missed = s.evaluate(local("2025-11-22T00:30"));
        emittedFigures.addAll(missed.figures());
        emittedNotices.addAll(missed.notices());
        assertEquals(Set.of(
                        "TIMELINESS_MISSED timeliness:TIMELINESS_MISSED:INTERVAL:SCE:ALL:2025-11-20:1",
                        "TIMELINESS_MISSED timeliness:TIMELINESS_MISSED:INTERVAL:SCE:ESP02:2025-11-20:1"),
                noticeKeys(missed.notices()));
        Notice esp02 = missed.notices().stream().filter(n -> n.getNoticeId().contains(":ESP02:")).findFirst().orElseThrow();
        assertEquals(List.of("A09", "A10"), esp02.getAccounts());
        assertEquals(local("2025-11-23T00:00"), esp02.getExpectedBy(), "now expected by deadline 2");
        assertTrue(esp02.getText().contains("missed") && esp02.getText().contains("ESP02"), esp02.getText());
        assertTrue(s.evaluate(local("2025-11-22T01:00")).notices().isEmpty());

        // the late data arrives: k=1 stays missed (final), k=2 and k=5 met
        List<ObligationMet> late = s.apply(doc("F2", "SCE", local("2025-11-22T10:00"),
                original("A06", "2025-10-20", "2025-11-20"), original("A09", "2025-10-20", "2025-11-20"),
                original("A10", "2025-10-20", "2025-11-20")));
        assertEquals(3, late.size());
        Evaluation after = s.evaluate(local("2025-11-22T12:00"));
        emittedFigures.addAll(after.figures());
        assertTrue(after.notices().isEmpty());
        Cohort all = cohort(s.cohorts("SCE", R, R, local("2025-11-22T12:00")), DataType.INTERVAL, null, R);
        assertEquals(Map.of(1, 7, 2, 10, 5, 10), all.met());
        assertEquals(statuses(CohortStatus.MISSED, CohortStatus.MET, CohortStatus.MET), all.status());
        assertTrue(all.isFinal(1, local("2025-11-22T12:00")));
        assertTrue(!all.isFinal(2, local("2025-11-22T12:00")));

        // a restart that replays the inputs and its own outputs makes no notice and no figure again
        TimelinessState restarted = new TimelinessState(config);
        feed(restarted, events);
        restarted.apply(doc("F2", "SCE", local("2025-11-22T10:00"),
                original("A06", "2025-10-20", "2025-11-20"), original("A09", "2025-10-20", "2025-11-20"),
                original("A10", "2025-10-20", "2025-11-20")));
        emittedFigures.forEach(restarted::apply);
        emittedNotices.forEach(restarted::apply);
        assertTrue(restarted.evaluate(local("2025-11-22T12:30")).isEmpty());

        // ... while one that forgot its notices would notify again (so the replay is what prevents it)
        TimelinessState forgetful = new TimelinessState(config);
        feed(forgetful, events);
        assertEquals(2, forgetful.evaluate(local("2025-11-22T00:30")).notices().size());
    }

    @Test
    void serviceTicksWithTheClock() {
        TestClock clock = new TestClock(local("2025-11-21T12:00"));
        TimelinessService service = new TimelinessService(config, clock);
        for (Object e : tenMeters()) {
            if (e instanceof energy.mdma.events.MeterEvent m) {
                service.apply(m);
            } else if (e instanceof energy.mdma.events.ScheduledReadDate r) {
                service.apply(r);
            } else {
                service.apply((DocumentPosted) e);
            }
        }
        List<Notice> notices = new ArrayList<>();
        for (String t : List.of("2025-11-21T12:00", "2025-11-21T18:01", "2025-11-21T20:00", "2025-11-22T00:00",
                "2025-11-22T06:00", "2025-11-22T18:30", "2025-11-23T00:00", "2025-11-25T20:00", "2025-11-26T00:00",
                "2025-11-27T00:00")) {
            clock.set(local(t));
            notices.addAll(service.tick().notices());
        }
        // k=1 at risk then missed, k=2 at risk then missed, k=5 at risk then missed: for ALL and ESP02
        // (ESP01 met k=1 with 5 of 6 but misses 90% and 99.99%)
        Map<String, Long> byKind = notices.stream().collect(Collectors.groupingBy(
                n -> n.getKind() + " " + n.getNoticeId().replaceAll("^.*:SCE:", ""), Collectors.counting()));
        assertEquals(Map.ofEntries(
                Map.entry("TIMELINESS_AT_RISK ALL:2025-11-20:1", 1L),
                Map.entry("TIMELINESS_AT_RISK ESP02:2025-11-20:1", 1L),
                Map.entry("TIMELINESS_MISSED ALL:2025-11-20:1", 1L),
                Map.entry("TIMELINESS_MISSED ESP02:2025-11-20:1", 1L),
                Map.entry("TIMELINESS_AT_RISK ALL:2025-11-20:2", 1L),
                Map.entry("TIMELINESS_AT_RISK ESP01:2025-11-20:2", 1L),
                Map.entry("TIMELINESS_AT_RISK ESP02:2025-11-20:2", 1L),
                Map.entry("TIMELINESS_MISSED ALL:2025-11-20:2", 1L),
                Map.entry("TIMELINESS_MISSED ESP01:2025-11-20:2", 1L),
                Map.entry("TIMELINESS_MISSED ESP02:2025-11-20:2", 1L),
                Map.entry("TIMELINESS_AT_RISK ALL:2025-11-20:5", 1L),
                Map.entry("TIMELINESS_AT_RISK ESP01:2025-11-20:5", 1L),
                Map.entry("TIMELINESS_AT_RISK ESP02:2025-11-20:5", 1L),
                Map.entry("TIMELINESS_MISSED ALL:2025-11-20:5", 1L),
                Map.entry("TIMELINESS_MISSED ESP01:2025-11-20:5", 1L),
                Map.entry("TIMELINESS_MISSED ESP02:2025-11-20:5", 1L)), byKind);
        Notice lastMiss = notices.stream()
                .filter(n -> n.getNoticeId().equals("timeliness:TIMELINESS_MISSED:INTERVAL:SCE:ALL:2025-11-20:5"))
                .findFirst().orElseThrow();
        assertNull(lastMiss.getExpectedBy(), "after the last deadline no time can be told");
        assertTrue(lastMiss.getText().contains("no time yet"), lastMiss.getText());
    }

    // ------------------------------------------------------------------ non-interval across weekend and holiday

    @Test
    void nonIntervalCohortAcrossAHolidayAndAWeekend() {
        TimelinessState s = new TimelinessState(config);
        LocalDate r = LocalDate.parse("2025-12-24"); // Wednesday; Thursday is Christmas
        s.apply(read("12", "2025-11-24"));
        s.apply(read("12", "2025-12-24"));
        s.apply(meter("N1", "B1", "SCE", "ESP01", "12", 0));
        s.apply(meter("N2", "B2", "SCE", "ESP01", "12", 0));

        // Christmas evening: deadline 1 is Friday 06:00 (the holiday is no working day), 7 hours away
        Cohort xmas = cohort(s.cohorts("SCE", r, r, local("2025-12-25T23:00")), DataType.NON_INTERVAL, null, r);
        assertEquals(CohortStatus.IN_PROGRESS, xmas.status().get(1));
        assertEquals(Map.of(1, local("2025-12-26T06:00"), 2, local("2025-12-29T06:00"), 5, local("2026-01-02T06:00")),
                Map.of(1, xmas.deadlines().get(1).at(), 2, xmas.deadlines().get(2).at(), 5, xmas.deadlines().get(5).at()));
        assertEquals(CohortStatus.AT_RISK,
                cohort(s.cohorts("SCE", r, r, local("2025-12-26T01:00")), DataType.NON_INTERVAL, null, r).status().get(1));

        // N1 at 06:00 sharp (in time), N2 on Saturday (in time for k=2, Monday 06:00)
        s.apply(doc("F1", "SCE", local("2025-12-26T06:00"), original("B1", "2025-11-24", "2025-12-24")));
        s.apply(doc("F2", "SCE", local("2025-12-27T09:00"), original("B2", "2025-11-24", "2025-12-24")));

        Cohort friday = cohort(s.cohorts("SCE", r, r, local("2025-12-26T07:00")), DataType.NON_INTERVAL, null, r);
        assertEquals(Map.of(1, 1, 2, 1, 5, 1), friday.met());
        assertEquals(statuses(CohortStatus.MISSED, CohortStatus.IN_PROGRESS, CohortStatus.IN_PROGRESS), friday.status());
        assertEquals(new BigDecimal("50.00"), friday.percent().get(1));
        assertEquals(new BigDecimal("85.00"), friday.target().get(1));
        assertEquals(List.of(new Cohort.Late("N2", "B2", "ESP01", local("2025-12-29T06:00"))), friday.late());

        Cohort monday = cohort(s.cohorts("SCE", r, r, local("2025-12-29T07:00")), DataType.NON_INTERVAL, null, r);
        assertEquals(Map.of(1, 1, 2, 2, 5, 2), monday.met());
        assertEquals(statuses(CohortStatus.MISSED, CohortStatus.MET, CohortStatus.MET), monday.status());

        // the same with Friday 12-26 configured as an extra holiday: deadline 1 moves to Monday, N2 meets it
        TimelinessState extra = new TimelinessState(config.withHolidays(
                HolidayCalendar.nerc().plus(Set.of(LocalDate.parse("2025-12-26")))));
        extra.apply(read("12", "2025-11-24"));
        extra.apply(read("12", "2025-12-24"));
        extra.apply(meter("N1", "B1", "SCE", "ESP01", "12", 0));
        extra.apply(meter("N2", "B2", "SCE", "ESP01", "12", 0));
        extra.apply(doc("F1", "SCE", local("2025-12-26T06:00"), original("B1", "2025-11-24", "2025-12-24")));
        extra.apply(doc("F2", "SCE", local("2025-12-27T09:00"), original("B2", "2025-11-24", "2025-12-24")));
        assertEquals(2, cohort(extra.cohorts("SCE", r, r, local("2025-12-29T07:00")), DataType.NON_INTERVAL, null, r)
                .met().get(1));
    }

    // ------------------------------------------------------------------ corrections

    @Test
    void correctionDoesNotMoveTheMetTime() {
        TimelinessState s = new TimelinessState(config);
        s.apply(read("01", "2025-10-20"));
        s.apply(read("01", "2025-11-20"));
        s.apply(meter("M1", "A1", "SCE", "ESP01", "01", 15));
        Instant t1 = local("2025-11-22T10:00"); // after deadline 1, before deadline 2
        Instant t2 = local("2025-11-24T10:00");
        DocumentPosted first = doc("F1", "SCE", t1, original("A1", "2025-10-20", "2025-11-20"));
        DocumentPosted correction = doc("F9", "SCE", t2,
                cancellation("A1", "2025-10-20", "2025-11-20", first.getReports().get(0).getReportId()),
                original("A1", "2025-10-20", "2025-11-20"));

        assertEquals(1, s.apply(first).size());
        assertTrue(s.apply(correction).isEmpty(), "no second ObligationMet");
        assertEquals(Optional.of(t1), s.metAt("M1", R));
        Cohort c = cohort(s.cohorts("SCE", R, R, local("2025-11-30T00:00")), DataType.INTERVAL, null, R);
        assertEquals(Map.of(1, 0, 2, 1, 5, 1), c.met());

        // the same events in the other order end the same way (the earlier posting wins)
        TimelinessState reversed = new TimelinessState(config);
        reversed.apply(read("01", "2025-10-20"));
        reversed.apply(read("01", "2025-11-20"));
        reversed.apply(meter("M1", "A1", "SCE", "ESP01", "01", 15));
        assertEquals(t2, reversed.apply(correction).get(0).getMetAt());
        assertEquals(t1, reversed.apply(first).get(0).getMetAt(), "the earlier posting corrects the met time");
        assertEquals(Optional.of(t1), reversed.metAt("M1", R));
    }

    @Test
    void onlyOriginal867sToTheUdcForTheMeterCount() {
        TimelinessState s = new TimelinessState(config);
        s.apply(read("01", "2025-10-20"));
        s.apply(read("01", "2025-11-20"));
        s.apply(meter("P1", "A1", "SCE", "ESP01", "01", 15));
        s.apply(meter("P2", "A1", "SCE", "ESP01", "01", 15));
        s.apply(meter("Q1", "A2", "SCE", "ESP01", "01", 15));

        // to the ESP's mailbox: does not count
        assertTrue(s.apply(doc("E1", "ESP01", local("2025-11-21T08:00"), original("A1", "2025-10-20", "2025-11-20"))).isEmpty());
        // a summary: does not count
        DocumentPosted summary = DocumentPosted.newBuilder(doc("S1", "SCE", local("2025-11-21T08:00"),
                original("A1", "2025-10-20", "2025-11-20"))).setKind(MailboxFileKind.SUMMARY).build();
        assertTrue(s.apply(summary).isEmpty());
        // a cancellation alone: does not count
        assertTrue(s.apply(doc("C1", "SCE", local("2025-11-21T08:00"),
                cancellation("A1", "2025-10-20", "2025-11-20", "X"))).isEmpty());
        // another period end: does not count for 2025-11-20
        assertTrue(s.apply(doc("O1", "SCE", local("2025-11-21T08:00"), original("A1", "2025-10-20", "2025-11-19"))).isEmpty());
        // a report naming meter P1 only meets P1
        List<ObligationMet> met = s.apply(doc("F1", "SCE", local("2025-11-21T09:00"),
                original("A1", "2025-10-20", "2025-11-20", "P1")));
        assertEquals(List.of("P1"), met.stream().map(ObligationMet::getMeterId).toList());
        // a report naming a meter of another account does not meet it
        assertTrue(s.apply(doc("F2", "SCE", local("2025-11-21T09:30"),
                original("A1", "2025-10-20", "2025-11-20", "Q1"))).isEmpty());

        Cohort c = cohort(s.cohorts("SCE", R, R, local("2025-11-21T10:00")), DataType.INTERVAL, null, R);
        assertEquals(1, c.met().get(1));
        assertEquals(List.of("P2", "Q1"), lateIds(c));
    }

    @Test
    void scheduleAndMetersArrivingAfterThePostingStillMeet() {
        TimelinessState s = new TimelinessState(config);
        assertTrue(s.apply(doc("F1", "SCE", local("2025-11-21T09:00"), original("A1", "2025-10-20", "2025-11-20"))).isEmpty());
        assertTrue(s.apply(meter("M1", "A1", "SCE", "ESP01", "01", 15)).isEmpty());
        assertTrue(s.apply(read("01", "2025-11-20")).isEmpty(), "the cycle's only (first) read date: no obligation");
        List<ObligationMet> met = s.apply(read("01", "2025-10-20"));
        assertEquals(1, met.size(), "2025-11-20 now closes a period");
        assertEquals(R, met.get(0).getReadDate());
        assertTrue(s.apply(read("01", "2025-12-22")).isEmpty());

        // replayed ObligationMet: a rebuilt state emits nothing again
        TimelinessState rebuilt = new TimelinessState(config);
        rebuilt.apply(met.get(0));
        rebuilt.apply(read("01", "2025-10-20"));
        rebuilt.apply(read("01", "2025-11-20"));
        assertTrue(rebuilt.apply(meter("M1", "A1", "SCE", "ESP01", "01", 15)).isEmpty());
        assertTrue(rebuilt.apply(doc("F1", "SCE", local("2025-11-21T09:00"),
                original("A1", "2025-10-20", "2025-11-20"))).isEmpty());
        assertEquals(Optional.of(local("2025-11-21T09:00")), rebuilt.metAt("M1", R));

        // a meter that moves to another cycle no longer has the old cycle's obligations
        s.apply(meter("M1", "A1", "SCE", "ESP01", "02", 15));
        assertTrue(s.cohorts("SCE", R, R, local("2025-11-22T00:00")).isEmpty());
        s.removeMeter("M1");
        assertTrue(s.cohorts("SCE", LocalDate.MIN, LocalDate.MAX, local("2025-11-22T00:00")).isEmpty());
    }

    @Test
    void meterWithoutEspCountsOnlyForTheUdcWideCohort() {
        TimelinessState s = new TimelinessState(config);
        s.apply(read("01", "2025-10-20"));
        s.apply(read("01", "2025-11-20"));
        s.apply(meter("M1", "A1", "SCE", "", "01", 15));
        s.apply(meter("M2", "A2", "SCE", "ESP01", "01", 15));
        List<Cohort> cohorts = s.cohorts("SCE", R, R, local("2025-11-21T00:00"));
        assertEquals(List.of("ALL 2", "ESP01 1"), cohorts.stream()
                .map(c -> c.key().espLabel() + " " + c.obligations()).toList());
        List<ObligationMet> met = s.apply(doc("F1", "SCE", local("2025-11-21T09:00"), original("A1", "2025-10-20", "2025-11-20")));
        assertNull(met.get(0).getEspId());
    }

    // ------------------------------------------------------------------ DST

    @Test
    void intervalCohortOverFallBack() {
        TimelinessState s = new TimelinessState(config);
        LocalDate r = LocalDate.parse("2025-11-01"); // R+1 = 2025-11-02 has 25 hours
        s.apply(read("05", "2025-10-01"));
        s.apply(read("05", "2025-11-01"));
        s.apply(meter("D1", "A1", "SCE", "ESP01", "05", 15));
        s.apply(meter("D2", "A2", "SCE", "ESP01", "05", 15));
        // 23:30 PST on 2025-11-02 is 07:30Z, after what midnight + 24 h would give (07:00Z)
        s.apply(doc("F1", "SCE", Instant.parse("2025-11-03T07:30:00Z"), original("A1", "2025-10-01", "2025-11-01")));
        // 00:00 PST on 2025-11-03: the next day
        s.apply(doc("F2", "SCE", Instant.parse("2025-11-03T08:00:00Z"), original("A2", "2025-10-01", "2025-11-01")));

        Cohort c = cohort(s.cohorts("SCE", r, r, local("2025-11-05T00:00")), DataType.INTERVAL, null, r);
        assertEquals(Map.of(1, 1, 2, 2, 5, 2), c.met());
        assertEquals(Instant.parse("2025-11-03T08:00:00Z"), c.deadlines().get(1).at());

        // at risk: 6.5 h before the deadline is 17:30 PST, 5.5 h before is 18:30 PST (nothing met yet then)
        assertEquals(CohortStatus.IN_PROGRESS,
                cohort(s.cohorts("SCE", r, r, local("2025-11-02T17:30")), DataType.INTERVAL, null, r).status().get(1));
        assertEquals(CohortStatus.AT_RISK,
                cohort(s.cohorts("SCE", r, r, local("2025-11-02T18:30")), DataType.INTERVAL, null, r).status().get(1));
    }

    @Test
    void intervalCohortOverSpringForward() {
        TimelinessState s = new TimelinessState(config);
        LocalDate r = LocalDate.parse("2026-03-07"); // R+1 = 2026-03-08 has 23 hours
        s.apply(read("05", "2026-02-06"));
        s.apply(read("05", "2026-03-07"));
        s.apply(meter("D1", "A1", "SCE", "ESP01", "05", 15));
        s.apply(meter("D2", "A2", "SCE", "ESP01", "05", 15));
        s.apply(doc("F1", "SCE", Instant.parse("2026-03-09T06:59:59Z"), original("A1", "2026-02-06", "2026-03-07")));
        s.apply(doc("F2", "SCE", Instant.parse("2026-03-09T07:00:00Z"), original("A2", "2026-02-06", "2026-03-07")));
        Cohort c = cohort(s.cohorts("SCE", r, r, local("2026-03-12T00:00")), DataType.INTERVAL, null, r);
        assertEquals(Map.of(1, 1, 2, 2, 5, 2), c.met());
        assertEquals(CohortStatus.MISSED, c.status().get(1));
        assertEquals(CohortStatus.IN_PROGRESS,
                cohort(s.cohorts("SCE", r, r, local("2026-03-08T17:30")), DataType.INTERVAL, null, r).status().get(1));
        assertEquals(CohortStatus.AT_RISK,
                cohort(s.cohorts("SCE", r, r, local("2026-03-08T18:30")), DataType.INTERVAL, null, r).status().get(1));
    }

    // ------------------------------------------------------------------ rounding and gauges

    @Test
    void percentIsRoundedDownSoThatAShownTargetIsAMetTarget() {
        assertEquals(new BigDecimal("99.98"), Cohort.percent(9998, 9999)); // 99.98999...
        assertEquals(new BigDecimal("66.66"), Cohort.percent(2, 3));
        assertTrue(!Cohort.reaches(19997, 20000, new BigDecimal("99.99"))); // 99.985 would round half up to 99.99
        assertTrue(Cohort.reaches(9999, 10000, new BigDecimal("99.99")));
        assertTrue(!Cohort.reaches(9999, 10000, new BigDecimal("100")));
    }

    @Test
    void gaugesCarryTheCohortLabels() {
        TimelinessState s = new TimelinessState(config);
        feed(s, tenMeters());
        List<GaugeSample> gauges = s.gauges(local("2025-11-22T00:30"));
        Map<String, String> all = Map.of("data_type", "INTERVAL", "udc", "SCE", "esp", "ALL", "read_date", "2025-11-20");
        assertTrue(gauges.contains(new GaugeSample(GaugeSample.OBLIGATIONS, all, 10)));
        assertTrue(gauges.contains(new GaugeSample(GaugeSample.LATE, all, 3)));
        Map<String, String> allK1 = new java.util.HashMap<>(all);
        allK1.put("deadline", "1");
        assertTrue(gauges.contains(new GaugeSample(GaugeSample.PERCENT, allK1, 70.0)), gauges.toString());
        assertTrue(gauges.contains(new GaugeSample(GaugeSample.MET, allK1, 7)));
        assertTrue(gauges.contains(new GaugeSample(GaugeSample.TARGET, allK1, 80.0)));
        assertTrue(gauges.contains(new GaugeSample(GaugeSample.DEADLINE, allK1, local("2025-11-22T00:00").getEpochSecond())));
        Map<String, String> missed = new java.util.HashMap<>(allK1);
        missed.put("status", "MISSED");
        assertTrue(gauges.contains(new GaugeSample(GaugeSample.STATUS, missed, 1)));
        missed.put("status", "MET");
        assertTrue(gauges.contains(new GaugeSample(GaugeSample.STATUS, missed, 0)));
        // the same label keys for every sample of a name (Prometheus requirement)
        Map<String, Set<Set<String>>> keys = gauges.stream().collect(Collectors.groupingBy(GaugeSample::name,
                Collectors.mapping(g -> g.labels().keySet(), Collectors.toSet())));
        keys.forEach((name, sets) -> assertEquals(1, sets.size(), name));
        assertEquals(Set.of(GaugeSample.OBLIGATIONS, GaugeSample.LATE, GaugeSample.MET, GaugeSample.PERCENT,
                GaugeSample.TARGET, GaugeSample.DEADLINE, GaugeSample.STATUS), keys.keySet());
        // only the last N read dates
        assertTrue(new TimelinessState(config.withMetricsReadDates(0)).gauges(local("2025-11-22T00:30")).isEmpty());
    }
}
