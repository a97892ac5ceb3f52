package energy.mdma.vee.topology;

import energy.mdma.events.ChannelEvent;
import energy.mdma.events.MeterEvent;
import energy.mdma.events.RawUnit;
import energy.mdma.events.Uom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The master data fingerprint changes with what changes a result, not with the file that carried the record. */
class ChannelMasterDataFingerprintTest {
    static final List<LocalDate> DATES = List.of(LocalDate.of(2025, 10, 1), LocalDate.of(2025, 10, 31));

    static MeterEvent meter() {
        return MeterEvent.newBuilder().setServiceAccount("SA1").setUdcId("UDC1").setEspId("ESP1")
                .setCustomerName("Customer").setMeterId("M1").setReadCycle("01").setIntervalMinutes(15).setDials(5)
                .setMeterMultiplier(SamplePackage.decimal("1.5")).setMeterClass(null).setSourceFileId("file-1").build();
    }

    static ChannelEvent channel() {
        return ChannelEvent.newBuilder().setMeterId("M1").setChannel(1).setUom(Uom.KWH).setRawUnit(RawUnit.UNIT)
                .setPulseMultiplier(SamplePackage.decimal("1")).setMaxPulsesPerInterval(0).setSourceFileId("file-1")
                .build();
    }

    @Test
    void theSourceFileAndTheAccountDataTheResultsDoNotCarryAreLeftOut() {
        ChannelMasterDataFingerprint f = new ChannelMasterDataFingerprint();
        byte[] base = f.of(meter(), channel(), DATES);
        assertEquals(16, base.length);
        assertArrayEquals(base, f.of(MeterEvent.newBuilder(meter()).setSourceFileId("file-2").build(),
                ChannelEvent.newBuilder(channel()).setSourceFileId(null).build(), DATES));
        assertArrayEquals(base, f.of(MeterEvent.newBuilder(meter()).setCustomerName("Other").setUdcId("UDC2")
                .setEspId("ESP2").build(), channel(), DATES));
        assertArrayEquals(base, new ChannelMasterDataFingerprint().of(meter(), channel(), List.copyOf(DATES)));
    }

    @Test
    void theFormerFingerprintIsStillRecognised() {
        // what versions before this one stored: a channel evaluated with the same records is taken over as it is
        byte[] former = ChannelMasterDataFingerprint.former(meter(), channel(), DATES);
        assertEquals(16, former.length);
        assertArrayEquals(former, ChannelMasterDataFingerprint.former(meter(), channel(), List.copyOf(DATES)));
        assertFalse(Arrays.equals(former, ChannelMasterDataFingerprint.former(
                MeterEvent.newBuilder(meter()).setDials(6).build(), channel(), DATES)));
        assertFalse(Arrays.equals(former, new ChannelMasterDataFingerprint().of(meter(), channel(), DATES)));
    }

    @Test
    void whatChangesAResultChangesTheFingerprint() {
        ChannelMasterDataFingerprint f = new ChannelMasterDataFingerprint();
        byte[] base = f.of(meter(), channel(), DATES);
        List<byte[]> changed = List.of(
                f.of(MeterEvent.newBuilder(meter()).setMeterMultiplier(SamplePackage.decimal("2")).build(), channel(), DATES),
                f.of(MeterEvent.newBuilder(meter()).setServiceAccount("SA2").build(), channel(), DATES),
                f.of(MeterEvent.newBuilder(meter()).setMeterClass("C&I").build(), channel(), DATES),
                f.of(MeterEvent.newBuilder(meter()).setDials(6).build(), channel(), DATES),
                f.of(MeterEvent.newBuilder(meter()).setReadCycle("02").build(), channel(), DATES),
                f.of(meter(), ChannelEvent.newBuilder(channel()).setUom(Uom.KVARH).build(), DATES),
                f.of(meter(), ChannelEvent.newBuilder(channel()).setMaxPulsesPerInterval(100).build(), DATES),
                f.of(meter(), ChannelEvent.newBuilder(channel()).setPulseMultiplier(SamplePackage.decimal("2")).build(), DATES),
                f.of(meter(), channel(), List.of(DATES.get(0))),
                f.of(meter(), channel(), List.of(DATES.get(0), DATES.get(1), LocalDate.of(2025, 11, 30))));
        for (byte[] c : changed) {
            assertFalse(Arrays.equals(base, c));
        }
    }
}
