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
class MasterDataFingerprintTest {
    static final Map<String, List<ChannelEvent>> CHANNELS = Map.of("M1",
            List.of(AccountPeriodDecisionTest.channel("M1", 1)));

    static byte[] of(MeterEvent m, Map<String, PartyData> parties) {
        return MasterDataFingerprint.of(List.of(m), id -> CHANNELS.getOrDefault(id, List.of()), parties::get);
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
}
