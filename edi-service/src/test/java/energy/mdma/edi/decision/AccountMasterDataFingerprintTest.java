package energy.mdma.edi.decision;

import energy.mdma.edi.internal.PartyData;
import energy.mdma.events.ChannelEvent;
import energy.mdma.events.MeterEvent;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** What counts as a change of an account's master data (a correction of its posted 867s follows). */
class AccountMasterDataFingerprintTest {
    static final Map<String, List<ChannelEvent>> CHANNELS = Map.of("M1",
            List.of(AccountPeriodDecisionTest.channel("M1", 1)));

    static byte[] of(MeterEvent m, Map<String, PartyData> parties) {
        return new AccountMasterDataFingerprint().of(List.of(m), id -> CHANNELS.getOrDefault(id, List.of()),
                parties::get);
    }

    @Test
    void whatTheMasterDataSayCountsNotWhichFileSaidIt() {
        MeterEvent m = AccountPeriodDecisionTest.meter("M1", "ESP01");
        byte[] before = of(m, AccountPeriodDecisionTest.PARTIES);
        assertEquals(64, before.length, "SHA-256 as hex");
        assertArrayEquals(before, of(MeterEvent.newBuilder(m).setSourceFileId("another-file").build(),
                AccountPeriodDecisionTest.PARTIES));
        assertFalse(java.util.Arrays.equals(before, of(MeterEvent.newBuilder(m).setCustomerName("New Name").build(),
                AccountPeriodDecisionTest.PARTIES)), "a customer's name");
        assertFalse(java.util.Arrays.equals(before, of(AccountPeriodDecisionTest.meter("M1", "ESP02"),
                AccountPeriodDecisionTest.PARTIES)), "another ESP");
        Map<String, PartyData> renamed = new HashMap<>(AccountPeriodDecisionTest.PARTIES);
        renamed.put("ESP01", AccountPeriodDecisionTest.party("ESP01", "First ESP, renamed"));
        assertFalse(java.util.Arrays.equals(before, of(m, renamed)), "a party's name");
        Map<String, PartyData> unknown = new HashMap<>(AccountPeriodDecisionTest.PARTIES);
        unknown.remove("ESP01");
        assertFalse(java.util.Arrays.equals(before, of(m, unknown)), "a party no longer known");
    }

    @Test
    void theFormerTextDigestIsStillKnownForTakingOverStoredDigests() {
        MeterEvent m = AccountPeriodDecisionTest.meter("M1", "ESP01");
        byte[] former = AccountMasterDataFingerprint.former(List.of(m), id -> CHANNELS.getOrDefault(id, List.of()),
                AccountPeriodDecisionTest.PARTIES::get);
        assertEquals(64, former.length, "SHA-256 as hex");
        assertFalse(java.util.Arrays.equals(former, of(m, AccountPeriodDecisionTest.PARTIES)),
                "a new digest: the processor recognises the former one and stores the new one in its place");
        assertArrayEquals(former, AccountMasterDataFingerprint.former(
                List.of(MeterEvent.newBuilder(m).setSourceFileId("another-file").build()),
                id -> CHANNELS.getOrDefault(id, List.of()), AccountPeriodDecisionTest.PARTIES::get));
    }

    @Test
    void oneInstanceGivesTheSameDigestAgainAndAChannelChangeCounts() {
        AccountMasterDataFingerprint f = new AccountMasterDataFingerprint();
        MeterEvent m = AccountPeriodDecisionTest.meter("M1", "ESP01");
        byte[] first = f.of(List.of(m), id -> CHANNELS.getOrDefault(id, List.of()),
                AccountPeriodDecisionTest.PARTIES::get);
        assertArrayEquals(first, f.of(List.of(m), id -> CHANNELS.getOrDefault(id, List.of()),
                AccountPeriodDecisionTest.PARTIES::get), "the reused digest and encoder start afresh");
        ChannelEvent other = ChannelEvent.newBuilder(CHANNELS.get("M1").get(0)).setChannel(2).build();
        assertFalse(java.util.Arrays.equals(first, f.of(List.of(m), id -> List.of(other),
                AccountPeriodDecisionTest.PARTIES::get)), "another channel");
        ChannelEvent refiled = ChannelEvent.newBuilder(CHANNELS.get("M1").get(0)).setSourceFileId("f2").build();
        assertArrayEquals(first, f.of(List.of(m), id -> List.of(refiled), AccountPeriodDecisionTest.PARTIES::get),
                "a channel re-sent in another file");
    }
}
