package energy.mdma.delivery.exceptions;

import energy.mdma.delivery.mailbox.InvalidCursorException;
import energy.mdma.events.TimeRange;
import energy.mdma.events.VeeException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExceptionViewTest {

    private static final Instant T = Instant.parse("2026-03-02T10:00:00Z");
    private static final LocalDate END = LocalDate.parse("2026-03-01");
    private static final ExceptionView.Filter ALL = new ExceptionView.Filter(null, null, null, null);

    private static VeeException.Builder held(String meter, int channel, Instant at, int missingIntervals) {
        return VeeException.newBuilder().setCode("ESTIMATION_FAILED").setMeterId(meter).setChannel(channel)
                .setServiceAccount("A-" + meter).setUdcId("SCE").setPeriodEnd(END).setMessage("held")
                .setMissing(List.of(new TimeRange(T.minusSeconds(86_400), T.minusSeconds(86_400 - 900L * missingIntervals),
                        "INTERVALS")))
                .setRaisedAt(at);
    }

    private static VeeException resolved(String meter, int channel, Instant at, String by) {
        return held(meter, channel, T, 1).setResolved(true).setResolvedAt(at).setResolvedBy(by)
                .setResolution("done for a reason").setMissing(List.of()).build();
    }

    private static String id(String meter, int channel) {
        return ExceptionIds.of("ESTIMATION_FAILED", meter, channel, "A-" + meter, END);
    }

    @Test
    void theSameRaiseTwiceIsOneExceptionAndAChangeOfWhatIsMissingIsAnUpdate() {
        ExceptionView v = new ExceptionView(100, 1 << 20);
        assertTrue(v.apply(held("M1", 1, T, 4).build()).isPresent());
        assertTrue(v.apply(held("M1", 1, T.plusSeconds(60), 4).build()).isEmpty(), "raised again as it was");
        OpsException x = v.apply(held("M1", 1, T.plusSeconds(120), 2).build()).orElseThrow();
        assertEquals(List.of("RAISED", "UPDATED"), x.history().stream().map(OpsException.HistoryEntry::event).toList());
        assertEquals(T, x.raisedAt(), "raised when first raised");
        assertEquals(1, v.size());
        assertEquals(id("M1", 1), x.id());
    }

    @Test
    void resolvedByTheDataItReopensWhenRaisedAgainButAnOperatorsResolutionStandsUntilSomethingNewIsMissing() {
        ExceptionView v = new ExceptionView(100, 1 << 20);
        v.apply(held("M1", 1, T, 4).build());
        OpsException r = v.apply(resolved("M1", 1, T.plusSeconds(60), "vee")).orElseThrow();
        assertEquals(OpsException.Status.RESOLVED, r.status());
        assertTrue(v.apply(resolved("M1", 1, T.plusSeconds(61), "vee")).isEmpty(), "a resolution replayed");
        OpsException again = v.apply(held("M1", 1, T.plusSeconds(120), 4).build()).orElseThrow();
        assertEquals(OpsException.Status.OPEN, again.status());
        assertEquals("REOPENED", again.history().get(again.history().size() - 1).event());

        v.apply(held("M2", 1, T, 4).build());
        v.apply(resolved("M2", 1, T.plusSeconds(60), "operator"));
        assertTrue(v.apply(held("M2", 1, T.plusSeconds(120), 4).build()).isEmpty(),
                "the same gap raised again does not undo the operator's resolution");
        assertTrue(v.apply(held("M2", 1, T.plusSeconds(10), 6).build()).isEmpty(),
                "a raise from before the resolution does not reopen it");
        assertEquals(OpsException.Status.OPEN, v.apply(held("M2", 1, T.plusSeconds(180), 6).build()).orElseThrow().status(),
                "something new missing reopens it");
    }

    @Test
    void aResolutionWhoseRaiseWasNotSeenIsKeptResolved() {
        ExceptionView v = new ExceptionView(100, 1 << 20);
        OpsException x = v.apply(resolved("M1", 1, T, "vee")).orElseThrow();
        assertEquals(OpsException.Status.RESOLVED, x.status());
        assertEquals(List.of(), v.list(new ExceptionView.Filter(OpsException.Status.OPEN, null, null, null), null, 10).items());
    }

    @Test
    void pastTheCountTheResolvedChangedLongestAgoGoFirstThenTheOldestOpen() {
        ExceptionView v = new ExceptionView(3, 1 << 20);
        v.apply(held("M1", 1, T, 1).build());
        v.apply(held("M2", 1, T.plusSeconds(1), 1).build());
        v.apply(resolved("M2", 1, T.plusSeconds(2), "vee"));
        v.apply(held("M3", 1, T.plusSeconds(3), 1).build());
        v.apply(held("M4", 1, T.plusSeconds(4), 1).build());
        assertEquals(3, v.size());
        assertTrue(v.get(id("M2", 1)).isEmpty(), "the resolved one went first");
        assertTrue(v.get(id("M1", 1)).isPresent());
        v.apply(held("M5", 1, T.plusSeconds(5), 1).build());
        assertTrue(v.get(id("M1", 1)).isEmpty(), "then the open one changed longest ago");
        assertEquals(2, v.evicted());
        assertEquals(3, v.size());
    }

    @Test
    void theBytesAreBoundedToo() {
        ExceptionView v = new ExceptionView(1_000_000, 20_000);
        for (int i = 0; i < 1000; i++) {
            v.apply(held("M" + i, 1, T.plusSeconds(i), 1).build());
        }
        assertTrue(v.approximateBytes() <= 20_000, v.approximateBytes() + " bytes");
        assertTrue(v.size() < 1000 && v.size() > 10, v.size() + " kept");
        assertTrue(v.get(id("M999", 1)).isPresent(), "the newest is kept");
    }

    @Test
    void pagesAreNewestFirstFilteredAndCursorsResumeWhereThePreviousPageEnded() {
        ExceptionView v = new ExceptionView(100, 1 << 20);
        for (int i = 0; i < 7; i++) {
            v.apply(held("M" + i, 1, T.plusSeconds(i % 3), 1).build()); // equal raise times too
        }
        v.apply(VeeException.newBuilder().setCode("EDI_REPORT_FAILED").setServiceAccount("A9").setPeriodEnd(END)
                .setMessage("failed").setRaisedAt(T.plusSeconds(10)).build());
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            ExceptionView.Page p = v.list(new ExceptionView.Filter(OpsException.Status.OPEN, "SCE", null, null), cursor, 3);
            p.items().forEach(x -> ids.add(x.id()));
            cursor = p.nextCursor();
        } while (cursor != null);
        assertEquals(7, ids.size());
        assertEquals(7, new java.util.HashSet<>(ids).size());
        List<OpsException> all = v.list(ALL, null, 100).items();
        assertEquals("EDI_REPORT_FAILED", all.get(0).type(), "newest first");
        for (int i = 1; i < all.size(); i++) {
            assertTrue(!all.get(i).raisedAt().isAfter(all.get(i - 1).raisedAt()));
        }
        assertEquals(all.subList(1, 8).stream().map(OpsException::id).toList(), ids);
        assertEquals(1, v.list(new ExceptionView.Filter(null, null, "A-M3", null), null, 10).items().size());
        assertEquals(1, v.list(new ExceptionView.Filter(null, null, null, "EDI_REPORT_FAILED"), null, 10).items().size());
        assertThrows(InvalidCursorException.class, () -> v.list(ALL, "garbage!", 3));
        assertThrows(InvalidCursorException.class, () -> v.list(ALL, java.util.Base64.getUrlEncoder()
                .encodeToString("12:../etc".getBytes()), 3));
    }
}
