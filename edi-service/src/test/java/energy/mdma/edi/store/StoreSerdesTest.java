package energy.mdma.edi.store;

import energy.mdma.edi.decision.SentState;
import energy.mdma.edi.decision.SummarySchedule;
import energy.mdma.edi.keys.AccountPeriodKey;
import energy.mdma.kafka.MasterDataDigest;
import energy.mdma.kafka.MasterDataDigestSerde;
import energy.mdma.edi.keys.ControlNumberKey;
import energy.mdma.edi.keys.CurrentReportKey;
import energy.mdma.edi.keys.MeterIndexKey;
import energy.mdma.edi.keys.ResultKey;
import energy.mdma.edi.keys.SentKey;
import energy.mdma.edi.keys.SummaryRowKey;
import energy.mdma.edi.keys.SummaryRowsKey;
import energy.mdma.events.ChannelPeriodResult;
import energy.mdma.events.DecimalValue;
import energy.mdma.events.MeterEvent;
import energy.mdma.events.PeriodState;
import energy.mdma.kafka.BinaryAvroSerde;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The serdes of edi's stores write the bytes the stores held before they were typed (golden bytes taken from that
 * code: {@code StringSerializer} of the key's text form, the values' hand codecs), so that existing state and
 * changelogs restore unchanged, and read them back.
 */
class StoreSerdesTest {
    static final LocalDate END = LocalDate.parse("2025-11-20");

    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** {@code serde} writes {@code value} as {@code golden}, reads it back as {@code value}, and keeps null null. */
    static <T> void writesAsBefore(Serde<T> serde, T value, byte[] golden) {
        assertArrayEquals(golden, serde.serializer().serialize("t", value), () -> value + " as before");
        assertEquals(value, serde.deserializer().deserialize("t", golden));
        assertNull(serde.serializer().serialize("t", null));
        assertNull(serde.deserializer().deserialize("t", null));
    }

    @Test
    void resultKeys() {
        ResultKeySerde serde = new ResultKeySerde();
        AccountPeriodKey ap = new AccountPeriodKey("3520876100", END);
        writesAsBefore(serde, new ResultKey(ap, "M|5", -1), hex("333532303837363130307c323032352d31312d32307c4d7c357c2d31"));
        writesAsBefore(serde, new ResultKey(ap, "M9503089", Integer.MAX_VALUE), utf8("3520876100|2025-11-20|M9503089|2147483647"));
        writesAsBefore(serde, new ResultKey(new AccountPeriodKey("Ä", END), "µ", 0), hex("c3847c323032352d31312d32307cc2b57c30"));
    }

    @Test
    void aSeekPastAnAccountSkipsAllItsResultsInTheStoresByteOrder() {
        ResultKeySerde serde = new ResultKeySerde();
        List<byte[]> keys = new ArrayList<>();
        for (String account : List.of("35", "350", "36", "35\uffff")) {
            for (String meter : List.of("M1", "\uffff", "\uD83D\uDE00", "M|9")) {
                keys.add(serde.serialize(null, new ResultKey(new AccountPeriodKey(account, END), meter, 7)));
                keys.add(serde.serialize(null, new ResultKey(new AccountPeriodKey(account, LocalDate.of(9999, 12, 31)), meter, -7)));
            }
        }
        byte[] first35 = utf8(AccountPeriodKey.accountPrefix("35"));
        byte[] past35 = serde.serialize(null, ResultKey.pastAccount("35"));
        for (byte[] k : keys) {
            boolean of35 = serde.deserialize(null, k).accountPeriod().account().equals("35");
            boolean between = Arrays.compareUnsigned(k, first35) >= 0 && Arrays.compareUnsigned(k, past35) < 0;
            // the meter id starting with U+1F600 sorts after U+FFFF, but before U+10FFFF
            assertEquals(of35, between, () -> new String(k, StandardCharsets.UTF_8));
        }
    }

    @Test
    void accountPeriodAndCurrentReportKeys() {
        writesAsBefore(new AccountPeriodKeySerde(), new AccountPeriodKey("3520876100", END), utf8("3520876100|2025-11-20"));
        writesAsBefore(new AccountPeriodKeySerde(), new AccountPeriodKey("Ä", LocalDate.of(1, 1, 1)), hex("c3847c303030312d30312d3031"));
        writesAsBefore(new CurrentReportKeySerde(), new CurrentReportKey("SCE", new AccountPeriodKey("3520876100", END)),
                hex("5343457c333532303837363130307c323032352d31312d3230"));
    }

    @Test
    void controlNumberKeysAndCounters() {
        ControlNumberKeySerde keys = new ControlNumberKeySerde();
        writesAsBefore(keys, ControlNumberKey.SEQUENCE, utf8("isa13"));
        writesAsBefore(keys, ControlNumberKey.REPORT_SEQUENCE, utf8("report-seq"));
        writesAsBefore(keys, ControlNumberKey.RESTORED, utf8("restored-from-documents"));
        writesAsBefore(keys, ControlNumberKey.legacyPerReceiver("ESP-Ä"), hex("69736131337c4553502dc384"));
        CounterSerde counters = new CounterSerde();
        writesAsBefore(counters, new Counter(0), utf8("0"));
        writesAsBefore(counters, Counter.MARK, utf8("1"));
        writesAsBefore(counters, new Counter(99_999_999), utf8("99999999"));
        writesAsBefore(counters, new Counter(Long.MAX_VALUE), utf8("9223372036854775807"));
    }

    @Test
    void sentKeysAndValues() {
        // the key under which versions before 2026-12 kept the newest period end (deleted by the processor)
        writesAsBefore(new SentKeySerde(), SentKey.FORMER_NEWEST_PERIOD_END, hex("006e65776573742d706572696f642d656e64"));
        writesAsBefore(new SentKeySerde(), SentKey.of(new AccountPeriodKey("3520876100", END)), utf8("3520876100|2025-11-20"));
        SentStateSerde values = new SentStateSerde();
        writesAsBefore(values, new SentState("abc", "def", new LinkedHashSet<>(List.of("SCE", "ESP-Ä"))),
                hex("6162637c6465667c5343452c4553502dc384"));
        writesAsBefore(values, new SentState(SentState.NO_ORIGINAL, "", Set.of()), utf8("-||"));
        writesAsBefore(values, new SentState(SentState.NO_ORIGINAL, "h", Set.of("SCE")), utf8("-|h|SCE"));
        assertEquals(SentState.NOTHING, SentState.orNothing(null));
        // the newest period end, in a store of its own: the text the sent store held it as
        writesAsBefore(new NewestPeriodEndSerde(), new NewestPeriodEnd(END), utf8("2025-11-20"));
    }

    @Test
    void summaryChangesAndPostedSummaries() {
        // the values the former edi-receiver-state held, now in a store each: the same text
        SummaryChangesSerde changes = new SummaryChangesSerde();
        writesAsBefore(changes, new SummarySchedule.Dirty(0, Long.MAX_VALUE), utf8("0,9223372036854775807"));
        writesAsBefore(changes, new SummarySchedule.Dirty(1_764_000_000_000L, 1_764_000_000_001L),
                utf8("1764000000000,1764000000001"));
        String sha = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        writesAsBefore(new PostedSummarySerde(), new PostedSummary(sha), utf8(sha));
    }

    @Test
    void meterIndexKeysAndEntries() {
        MeterIndexKeySerde keys = new MeterIndexKeySerde();
        writesAsBefore(keys, new MeterIndexKey.AccountOf("M9503089"), utf8("m|M9503089"));
        writesAsBefore(keys, new MeterIndexKey.MeterOf("3520876100", "M|Ä"), hex("617c333532303837363130307c4d7cc384"));
        MeterIndexEntrySerde values = new MeterIndexEntrySerde();
        byte[] account = hex("33353230c384"); // "3520Ä" as MeterIndexProcessor wrote it: getBytes(UTF_8)
        assertArrayEquals(account, values.serialize(null, MeterIndexEntry.account("3520Ä")));
        assertEquals("3520Ä", values.deserialize(null, account).account());
        MeterEvent meter = MeterEvent.newBuilder().setServiceAccount("3520Ä").setUdcId("SCE").setEspId("")
                .setCustomerName("").setMeterId("M|Ä").setReadCycle("01").setIntervalMinutes(15).setDials(Integer.MAX_VALUE)
                .setMeterMultiplier(DecimalValue.newBuilder().setUnscaled(Long.MIN_VALUE).setScale(-1).build()).build();
        byte[] golden = new BinaryAvroSerde<>(MeterEvent.class).serializer().serialize(null, meter);
        assertArrayEquals(golden, values.serialize(null, MeterIndexEntry.meter(meter)), "the bytes of the former codec");
        MeterIndexEntry read = values.deserialize(null, golden);
        assertEquals(meter, read.meter());
        assertSame(golden, values.serialize(null, read), "no copy");
        assertNull(values.serialize(null, null));
        assertNull(values.deserialize(null, null));
    }

    @Test
    void summaryRowsKeysAndValuesOfBothFormats() {
        SummaryRowsKeySerde keys = new SummaryRowsKeySerde();
        SummaryRowKey row = new SummaryRowKey("SCE", "35", "M|Ä", -1, LocalDate.parse("2025-10-20"), END);
        byte[] rowKey = hex("7200534345003335004d7cc38400376666666666666600323032352d31302d323000323032352d31312d3230");
        writesAsBefore(keys, SummaryRowsKey.of(row), rowKey);
        assertEquals(row, keys.deserialize(null, rowKey).row());
        assertNull(keys.deserialize(null, rowKey).formerOrNull());
        byte[] formerKey = utf8("SCE|35|2025-11-20");
        writesAsBefore(keys, SummaryRowsKey.stored("SCE|35|2025-11-20"), formerKey);
        assertEquals(new SummaryRowKey.Former("SCE", "35", END), keys.deserialize(null, formerKey).formerOrNull());
        SummaryRowsValueSerde values = new SummaryRowsValueSerde();
        SummarySchedule.StoredRow stored = new SummarySchedule.StoredRow(Long.MAX_VALUE, "35,\"M,1\",Ä");
        byte[] golden = hex("393232333337323033363835343737353830372c33352c224d2c31222cc384");
        assertArrayEquals(golden, values.serialize(null, SummaryRowsValue.of(stored)));
        assertEquals(stored, values.deserialize(null, golden).row());
        byte[] formerValue = utf8("35,M1,1\n35,M1,2");
        assertArrayEquals(formerValue, values.serialize(null, SummaryRowsValue.former(List.of("35,M1,1", "35,M1,2"))));
        assertEquals(List.of("35,M1,1", "35,M1,2"), values.deserialize(null, formerValue).formerLines());
        assertNull(values.serialize(null, null));
        assertNull(values.deserialize(null, null));
    }

    @Test
    void reportIds() {
        writesAsBefore(new ReportIdSerde(), new ReportId("MDMA030000000078"), utf8("MDMA030000000078"));
        writesAsBefore(new ReportIdSerde(), new ReportId("X".repeat(30)), utf8("X".repeat(30)));
    }

    @Test
    void dirtyMarksAreNoBytes() {
        DirtyMarkSerde serde = new DirtyMarkSerde();
        writesAsBefore(serde, DirtyMark.DIRTY, new byte[0]);
    }

    @Test
    void masterDataDigestsAreTheirBytesUncopied() {
        MasterDataDigestSerde serde = new MasterDataDigestSerde();
        byte[] sha = new byte[32];
        Arrays.fill(sha, (byte) 0xff);
        sha[0] = 0;
        writesAsBefore(serde, new MasterDataDigest(sha.clone()), sha.clone());
        writesAsBefore(serde, new MasterDataDigest(utf8("stale")), utf8("stale"));
        MasterDataDigest d = serde.deserialize(null, sha);
        assertSame(sha, serde.serialize(null, d), "no copy");
        assertTrue(d.matches(sha.clone()));
    }

    static ChannelPeriodResult result(String meter, long usage) {
        return ChannelPeriodResult.newBuilder().setMeterId(meter).setChannel(-3).setServiceAccount("Ä|1")
                .setUom(energy.mdma.events.Uom.KVARH).setPeriodStart(LocalDate.of(1, 1, 1)).setPeriodEnd(END).setVersion(Integer.MAX_VALUE)
                .setState(PeriodState.HELD).setIntervalMinutes(15).setFirstIntervalEnd(Instant.ofEpochMilli(-1))
                .setUsage(List.of(usage, 0L, -1L)).setQuality(List.of()).setIntervalsExpected(3).setIntervalsActual(3)
                .setIntervalsEstimated(0).setTotalEstimated(true).setRegisterEnd(Long.MAX_VALUE)
                .setFailurePoints(Map.of("R1", 2)).setComputedAt(Instant.EPOCH).setChangedBy("vee").build();
    }

    @Test
    void resultsAreTheirBinaryAvroDecodedOnDemand() {
        StoredResultSerde serde = new StoredResultSerde();
        BinaryAvroSerde<ChannelPeriodResult> before = new BinaryAvroSerde<>(ChannelPeriodResult.class);
        for (ChannelPeriodResult r : List.of(result("M1", Long.MAX_VALUE), result("\uD83D\uDE00", Long.MIN_VALUE))) {
            byte[] golden = before.serializer().serialize(null, r);
            StoredResult stored = StoredResult.of(r);
            assertArrayEquals(golden, serde.serialize(null, stored), "the bytes of the processor's former codec");
            StoredResult read = serde.deserialize(null, golden);
            assertSame(golden, serde.serialize(null, read), "read and written again without a copy or a pass");
            assertEquals(r, read.result());
            assertSame(read.result(), read.result(), "decoded once");
        }
        assertNull(serde.serialize(null, null));
        assertNull(serde.deserialize(null, null));
    }
}
