package energy.mdma.edi.keys;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** edi's store keys: the formats of the stores (unchanged, so that existing state reads on), parsed back. */
class StateKeysTest {
    static final LocalDate END = LocalDate.parse("2025-11-20");

    @Test
    void accountPeriodResultAndCurrentReportKeys() {
        AccountPeriodKey ap = new AccountPeriodKey("3520876100", END);
        assertEquals("3520876100|2025-11-20", ap.format());
        assertEquals(ap, AccountPeriodKey.parse(ap.format()));
        ResultKey r = new ResultKey(ap, "M|5", 10);
        assertEquals("3520876100|2025-11-20|M|5|10", r.format());
        assertEquals(r, ResultKey.parse(r.format()), "a meter id with '|' too");
        assertEquals(ap, AccountPeriodKey.parse(r.format()), "a result key starts with its account-period");
        CurrentReportKey c = new CurrentReportKey("SCE", ap);
        assertEquals("SCE|3520876100|2025-11-20", c.format());
        assertEquals(c, CurrentReportKey.parse(c.format()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new AccountPeriodKey("35|20", END));
        assertTrue(e.getMessage().contains("'35|20'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AccountPeriodKey.parse("no-bar"));
    }

    @Test
    void anAccountsKeysAreOneRangeInPeriodEndOrder() {
        TreeMap<String, String> store = new TreeMap<>();
        for (String account : List.of("35", "350", "36")) {
            for (String end : List.of("2025-12-22", "2025-11-20")) {
                store.put(new ResultKey(new AccountPeriodKey(account, LocalDate.parse(end)), "M1", 1).format(), "");
            }
        }
        List<String> of35 = new ArrayList<>(store.subMap(AccountPeriodKey.accountPrefix("35"), true,
                ResultKey.pastAccount("35").format(), true).keySet());
        assertEquals(List.of("35|2025-11-20|M1|1", "35|2025-12-22|M1|1"), of35, "not account 350's");
        assertEquals(List.of("35|2025-11-20|M1|1"), new ArrayList<>(store.subMap(AccountPeriodKey.accountPrefix("35"),
                true, new AccountPeriodKey("35", LocalDate.parse("2025-12-01")).format(), true).keySet()),
                "the account-periods before a period end");
        assertEquals("\u0000newest-period-end", SentKey.FORMER_NEWEST_PERIOD_END.format());
        assertEquals(SentKey.FORMER_NEWEST_PERIOD_END, SentKey.parse(SentKey.FORMER_NEWEST_PERIOD_END.format()));
        SentKey ofAp = SentKey.of(new AccountPeriodKey("35", END));
        assertEquals("35|2025-11-20", ofAp.format());
        assertEquals(ofAp, SentKey.parse(ofAp.format()));
    }

    @Test
    void summaryRowKeysSortInTheReportsOrder() {
        SummaryRowKey a = new SummaryRowKey("SCE", "35", "M1", 2, LocalDate.parse("2025-10-20"), END);
        SummaryRowKey b = new SummaryRowKey("SCE", "35", "M1", 10, LocalDate.parse("2025-10-20"), END);
        SummaryRowKey neg = new SummaryRowKey("SCE", "35", "M1", -1, LocalDate.parse("2025-10-20"), END);
        SummaryRowKey longer = new SummaryRowKey("SCE", "35", "M1X", 1, LocalDate.parse("2025-10-20"), END);
        assertEquals("r\u0000SCE\u000035\u0000M1\u000080000002\u00002025-10-20\u00002025-11-20", a.format());
        assertTrue(neg.format().compareTo(a.format()) < 0);
        // the channel always takes eight hex digits, so keys sort by it as a signed int
        SummaryRowKey lowest = new SummaryRowKey("SCE", "35", "M1", Integer.MIN_VALUE, a.periodStart(), END);
        SummaryRowKey next = new SummaryRowKey("SCE", "35", "M1", Integer.MIN_VALUE + 17, a.periodStart(), END);
        assertEquals("r\u0000SCE\u000035\u0000M1\u000000000000\u00002025-10-20\u00002025-11-20", lowest.format());
        assertEquals("r\u0000SCE\u000035\u0000M1\u000000000011\u00002025-10-20\u00002025-11-20", next.format());
        assertTrue(lowest.format().compareTo(next.format()) < 0);
        assertTrue(next.format().compareTo(neg.format()) < 0);
        assertEquals(next, SummaryRowKey.parse(next.format()));
        assertTrue(a.format().compareTo(b.format()) < 0, "channel 2 before 10");
        assertTrue(b.format().compareTo(longer.format()) < 0, "meter M1 before M1X");
        for (SummaryRowKey k : List.of(a, b, neg, longer)) {
            assertEquals(k, SummaryRowKey.parse(k.format()));
            assertTrue(k.format().startsWith(SummaryRowKey.accountPrefix("SCE", "35")));
            assertTrue(SummaryRowKey.isRow(k.format()));
        }
        assertEquals(new SummaryRowKey.Former("SCE", "35", END), SummaryRowKey.Former.parseOrNull("SCE|35|2025-11-20"));
        assertNull(SummaryRowKey.Former.parseOrNull("garbage"));
    }

    @Test
    void meterIndexAndControlNumberKeys() {
        assertEquals("m|M1", new MeterIndexKey.AccountOf("M1").format());
        assertEquals("a|35|M1", new MeterIndexKey.MeterOf("35", "M1").format());
        assertTrue(new MeterIndexKey.MeterOf("35", "M1").format().startsWith(MeterIndexKey.accountPrefix("35")));
        for (MeterIndexKey k : List.of(new MeterIndexKey.AccountOf("M|1"), new MeterIndexKey.MeterOf("35", "M|1"))) {
            assertEquals(k, MeterIndexKey.parse(k.format()));
        }
        assertThrows(IllegalArgumentException.class, () -> MeterIndexKey.parse("x|M1"));
        assertEquals("M1:3", ChannelTableKey.of("M1", 3));
        assertTrue(ChannelTableKey.of("M1", 3).startsWith(ChannelTableKey.meterPrefix("M1")));
        assertEquals("isa13|SCE", ControlNumberKey.legacyPerReceiver("SCE").format());
        for (ControlNumberKey k : List.of(ControlNumberKey.SEQUENCE, ControlNumberKey.REPORT_SEQUENCE, ControlNumberKey.RESTORED,
                ControlNumberKey.legacyPerReceiver("SCE"), ControlNumberKey.legacyPerReceiver("S|X"))) {
            assertEquals(k, ControlNumberKey.parse(k.format()));
        }
        assertEquals(List.of("isa13", "report-seq", "restored-from-documents"), List.of(ControlNumberKey.SEQUENCE.format(),
                ControlNumberKey.REPORT_SEQUENCE.format(), ControlNumberKey.RESTORED.format()));
        assertThrows(IllegalArgumentException.class, () -> ControlNumberKey.parse("isa14"));
    }
}
