package energy.mdma.vee.topology;

import energy.mdma.events.ChannelEvent;
import energy.mdma.events.MeterEvent;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/** A digest of the master data a channel's evaluation used: its meter, its channel and its cycle's read dates. */
final class MasterDataFingerprint {
    private MasterDataFingerprint() {
    }

    static byte[] of(MeterEvent meter, ChannelEvent channel, List<LocalDate> readDates) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(meter.toString().getBytes(StandardCharsets.UTF_8));
            d.update((byte) 0);
            d.update(channel.toString().getBytes(StandardCharsets.UTF_8));
            d.update((byte) 0);
            d.update(readDates.toString().getBytes(StandardCharsets.UTF_8));
            return Arrays.copyOf(d.digest(), 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
