package energy.mdma.edi.decision;

import energy.mdma.edi.decision.AccountPeriodDecision.ChannelInput;
import energy.mdma.edi.decision.AccountPeriodDecision.MeterInput;
import energy.mdma.edi.decision.AccountPeriodDecision.Outcome;
import energy.mdma.edi.decision.AccountPeriodDecision.Send;
import energy.mdma.edi.internal.PartyData;
import energy.mdma.edi.internal.ReportRequest;
import energy.mdma.edi.internal.RequestType;
import energy.mdma.edi.internal.SummaryRowsUpdate;
import energy.mdma.events.ChannelEvent;
import energy.mdma.events.ChannelPeriodResult;
import energy.mdma.events.DecimalValue;
import energy.mdma.events.IntervalQuality;
import energy.mdma.events.MeterEvent;
import energy.mdma.events.PeriodState;
import energy.mdma.events.RawUnit;
import energy.mdma.events.Uom;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What an account-period's receivers get (edi-867.md, vee-rules.md 3), decided without Kafka. */
class AccountPeriodDecisionTest {
    static final String ACCOUNT = "3520876100";
    static final LocalDate START = LocalDate.of(2025, 10, 20);
    static final LocalDate END = LocalDate.of(2025, 11, 20);
    static final Map<String, PartyData> PARTIES = new HashMap<>(Map.of(
            "SCE", party("SCE", "Southern Utility"), "ESP01", party("ESP01", "First ESP"),
            "ESP02", party("ESP02", "Second ESP")));

    static PartyData party(String id, String name) {
        return PartyData.newBuilder().setId(id).setName(name).setDuns("00" + Math.abs(id.hashCode() % 10_000_000))
                .build();
    }

    static MeterEvent meter(String id, String esp) {
        return MeterEvent.newBuilder().setServiceAccount(ACCOUNT).setUdcId("SCE").setEspId(esp)
                .setCustomerName("ACME").setMeterId(id).setReadCycle("01").setIntervalMinutes(60).setDials(5)
                .setMeterMultiplier(DecimalValue.newBuilder().setUnscaled(1).setScale(0).build()).build();
    }

    static ChannelEvent channel(String meterId, int channel) {
        return ChannelEvent.newBuilder().setMeterId(meterId).setChannel(channel).setUom(Uom.KWH).setRawUnit(RawUnit.UNIT)
                .setPulseMultiplier(DecimalValue.newBuilder().setUnscaled(1).setScale(0).build())
                .setMaxPulsesPerInterval(0).build();
    }

    static ChannelPeriodResult result(String meterId, int channel, PeriodState state, long perInterval) {
        List<Long> usage = List.of(perInterval, perInterval, perInterval);
        return ChannelPeriodResult.newBuilder().setMeterId(meterId).setChannel(channel).setServiceAccount(ACCOUNT)
                .setUom(Uom.KWH).setPeriodStart(START).setPeriodEnd(END).setVersion(1).setState(state)
                .setIntervalMinutes(60).setFirstIntervalEnd(Instant.parse("2025-10-20T08:00:00Z")).setUsage(usage)
                .setQuality(List.of(0, IntervalQuality.ESTIMATED, 0)).setIntervalsExpected(3).setIntervalsActual(3)
                .setIntervalsEstimated(1).setTotal(3 * perInterval).setTotalEstimated(true).setFailurePoints(Map.of())
                .setComputedAt(Instant.parse("2026-01-01T00:00:00Z")).setChangedBy("vee").build();
    }

    /** Meter M2 (channels 2 and 10) and M10 (channel 1), given in no particular order. */
    static List<MeterInput> account(String esp, PeriodState m2ch10, long usage) {
        return List.of(
                new MeterInput(meter("M2", esp), List.of(
                        new ChannelInput(channel("M2", 10), m2ch10 == null ? null : result("M2", 10, m2ch10, usage)),
                        new ChannelInput(channel("M2", 2), result("M2", 2, PeriodState.COMPLETE, usage)))),
                new MeterInput(meter("M10", esp), List.of(
                        new ChannelInput(channel("M10", 1), result("M10", 1, PeriodState.COMPLETE, usage)))));
    }

    static Outcome decide(List<MeterInput> meters, SentState before) {
        return AccountPeriodDecision.decide(ACCOUNT, END, meters, PARTIES::get, before);
    }

    static List<String> receiversAndTypes(Send s) {
        return s.reports().stream().map(r -> r.getReceiver().getId() + ":" + r.getType()).toList();
    }

    @Test
    void aCompleteAccountPeriodGoesAsAnOriginalToTheUdcAndTheEspWithItsSummaryRows() {
        Send s = assertInstanceOf(Send.class, decide(account("ESP01", PeriodState.COMPLETE, 10_000), SentState.NOTHING));
        assertEquals(List.of("SCE:ORIGINAL", "ESP01:ORIGINAL"), receiversAndTypes(s));
        ReportRequest udc = s.reports().get(0);
        // meters in code point order ("M10" before "M2"), channels in numeric order (2 before 10)
        assertEquals(List.of("M10", "M2"), udc.getMeters().stream().map(m -> m.getMeterId().toString()).toList());
        assertEquals(List.of(2, 10), udc.getMeters().get(1).getChannels().stream().map(c -> c.getChannel()).toList());
        assertEquals(List.of(0, 1, 0), toList(udc.getMeters().get(0).getChannels().get(0).getEstimated()));
        assertEquals("SCE", udc.getUdc().getId());
        assertEquals("ESP01", udc.getEsp().getId());
        assertEquals(9, s.intervals(), "3 channels of 3 intervals");
        assertEquals(List.of("SCE", "ESP01"), s.summaryRows().stream().map(SummaryRowsUpdate::getReceiverId).toList());
        assertEquals(3, s.summaryRows().get(0).getRows().size());
        assertTrue(s.sent().hasCurrentOriginal());
        assertEquals(Set.of("SCE", "ESP01"), s.sent().receivers());
    }

    private static List<Integer> toList(java.nio.ByteBuffer b) {
        java.nio.ByteBuffer d = b.duplicate();
        List<Integer> l = new java.util.ArrayList<>();
        while (d.hasRemaining()) {
            l.add((int) d.get());
        }
        return l;
    }

    @Test
    void theSameDataAgainSendNothingAndChangedDataAreACorrection() {
        Send first = (Send) decide(account("ESP01", PeriodState.COMPLETE, 10_000), SentState.NOTHING);
        assertInstanceOf(AccountPeriodDecision.Nothing.class,
                decide(account("ESP01", PeriodState.COMPLETE, 10_000), first.sent()));
        Send changed = assertInstanceOf(Send.class, decide(account("ESP01", PeriodState.COMPLETE, 20_000), first.sent()));
        assertEquals(List.of("SCE:ORIGINAL", "ESP01:ORIGINAL"), receiversAndTypes(changed));
        assertNotEquals(first.sent().dataHash(), changed.sent().dataHash());
        assertEquals(2, changed.summaryRows().size(), "the totals changed: the summary rows too");
    }

    @Test
    void anIncompleteAccountPeriodSendsOnlyItsSummaryRows() {
        Send s = assertInstanceOf(Send.class, decide(account("ESP01", null, 10_000), SentState.NOTHING));
        assertEquals(List.of(), s.reports());
        assertEquals(0, s.intervals());
        assertEquals(2, s.summaryRows().size());
        assertEquals(2, s.summaryRows().get(0).getRows().size(), "the two channel-periods that have a result");
        assertEquals(SentState.NO_ORIGINAL, s.sent().dataHash());
        assertInstanceOf(AccountPeriodDecision.Nothing.class, decide(account("ESP01", null, 10_000), s.sent()));
    }

    @Test
    void aPostedAccountPeriodThatBecomesHeldIsCancelledAndAHeldOneIsNeverPosted() {
        Send posted = (Send) decide(account("ESP01", PeriodState.COMPLETE, 10_000), SentState.NOTHING);
        Send held = assertInstanceOf(Send.class, decide(account("ESP01", PeriodState.HELD, 10_000), posted.sent()));
        assertEquals(List.of("SCE:CANCEL", "ESP01:CANCEL"), receiversAndTypes(held));
        assertTrue(held.reports().stream().allMatch(r -> r.getMeters().isEmpty() && r.getSummaryRows().isEmpty()));
        assertEquals(SentState.NO_ORIGINAL, held.sent().dataHash());
        // held from the start: summary rows only, never an 867
        Send never = assertInstanceOf(Send.class, decide(account("ESP01", PeriodState.HELD, 10_000), SentState.NOTHING));
        assertEquals(List.of(), never.reports());
    }

    @Test
    void aReceiverTheAccountLeftGetsACancellationAndItsSummaryRowsDropped() {
        Send posted = (Send) decide(account("ESP01", PeriodState.COMPLETE, 10_000), SentState.NOTHING);
        Send moved = assertInstanceOf(Send.class, decide(account("ESP02", PeriodState.COMPLETE, 10_000), posted.sent()));
        assertEquals(List.of("SCE:ORIGINAL", "ESP02:ORIGINAL", "ESP01:CANCEL"), receiversAndTypes(moved));
        ReportRequest cancel = moved.reports().get(2);
        assertEquals("ESP01", cancel.getEsp().getId(), "the cancellation names the ESP that received the report");
        assertEquals(List.of("SCE", "ESP02", "ESP01"),
                moved.summaryRows().stream().map(SummaryRowsUpdate::getReceiverId).toList());
        assertEquals(List.of(), moved.summaryRows().get(2).getRows());
        assertEquals(Set.of("SCE", "ESP02"), moved.sent().receivers());
    }

    @Test
    void missingMasterDataAreLookedAtAgainAndNoResultIsNothing() {
        assertInstanceOf(AccountPeriodDecision.Retry.class, decide(List.of(), SentState.NOTHING));
        assertInstanceOf(AccountPeriodDecision.Retry.class, decide(account("ESP09", PeriodState.COMPLETE, 1), SentState.NOTHING),
                "an ESP not in the party table (yet)");
        List<MeterInput> noResults = List.of(new MeterInput(meter("M1", "ESP01"),
                List.of(new ChannelInput(channel("M1", 1), null))));
        assertInstanceOf(AccountPeriodDecision.Nothing.class, decide(noResults, SentState.NOTHING));
        List<MeterInput> noChannels = List.of(new MeterInput(meter("M1", "ESP01"), List.of()),
                new MeterInput(meter("M2", "ESP01"), List.of(new ChannelInput(channel("M2", 1),
                        result("M2", 1, PeriodState.COMPLETE, 5)))));
        Send s = assertInstanceOf(Send.class, decide(noChannels, SentState.NOTHING));
        assertEquals(List.of(), s.reports(), "a meter without channels: the account-period is not complete");
    }

    @Test
    void theSentStateIsStoredAndReadBack() {
        SentState s = new SentState("abc", "def", new java.util.LinkedHashSet<>(List.of("SCE", "ESP01")));
        assertEquals("abc|def|SCE,ESP01", s.format());
        assertEquals(s, SentState.parse(s.format()));
        assertEquals(SentState.NOTHING, SentState.parse(null));
        assertEquals(List.of("SCE", "ESP01"), List.copyOf(SentState.parse("x|y|SCE,ESP01").receivers()));
    }
}
