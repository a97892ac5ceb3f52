package energy.mdma.vee.topology;

import energy.mdma.events.Sha256;

import energy.mdma.events.ChannelEvent;
import energy.mdma.events.DecimalValue;
import energy.mdma.events.MeterEvent;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * A digest of the master data a channel's evaluation used: the fields of its meter and channel that the evaluation
 * reads (service account, cycle, interval length, dials, multipliers, meter class, unit, raw unit, pulse limit) and
 * its cycle's read dates. What does not change a result stays out, above all the id of the file that carried the
 * record: a re-sent unchanged meters.csv or channels.csv must not re-evaluate anything; nor do UDC, ESP and customer
 * name, which vee's results do not carry (edi watches those itself).
 *
 * <p>One instance per processor (a stream thread): it reuses its digest and buffer.
 */
final class ChannelMasterDataFingerprint {
    private final MessageDigest sha;
    private ByteBuffer buf = ByteBuffer.allocate(512);

    ChannelMasterDataFingerprint() {
        sha = Sha256.newDigest();
    }

    byte[] of(MeterEvent meter, ChannelEvent channel, List<LocalDate> readDates) {
        buf.clear();
        string(meter.getMeterId());
        string(meter.getServiceAccount());
        string(meter.getReadCycle());
        room(8);
        buf.putInt(meter.getIntervalMinutes()).putInt(meter.getDials());
        decimal(meter.getMeterMultiplier());
        string(meter.getMeterClass());
        room(8);
        buf.putInt(channel.getChannel()).putInt(channel.getUom().ordinal());
        room(12);
        buf.putInt(channel.getRawUnit().ordinal()).putLong(channel.getMaxPulsesPerInterval());
        decimal(channel.getPulseMultiplier());
        room(4 + 8 * readDates.size());
        buf.putInt(readDates.size());
        for (LocalDate d : readDates) {
            buf.putLong(d.toEpochDay());
        }
        sha.update(buf.array(), 0, buf.position());
        return Arrays.copyOf(sha.digest(), 16);
    }

    /**
     * The fingerprint as versions before this one computed it (SHA-256 of the records' text, source file id included),
     * so that the stores of an installation that ran them are taken over without evaluating every channel again: a
     * channel whose stored fingerprint is this one used the same master data.
     */
    static byte[] former(MeterEvent meter, ChannelEvent channel, List<LocalDate> readDates) {
        MessageDigest d = Sha256.newDigest();
        d.update(meter.toString().getBytes(StandardCharsets.UTF_8));
        d.update((byte) 0);
        d.update(channel.toString().getBytes(StandardCharsets.UTF_8));
        d.update((byte) 0);
        d.update(readDates.toString().getBytes(StandardCharsets.UTF_8));
        return Arrays.copyOf(d.digest(), 16);
    }

    private void decimal(DecimalValue d) {
        room(12);
        buf.putLong(d.getUnscaled()).putInt(d.getScale());
    }

    /** A string with its length (-1: null), so that field boundaries are unambiguous. */
    private void string(CharSequence s) {
        if (s == null) {
            room(4);
            buf.putInt(-1);
            return;
        }
        byte[] b = s.toString().getBytes(StandardCharsets.UTF_8);
        room(4 + b.length);
        buf.putInt(b.length).put(b);
    }

    private void room(int n) {
        if (buf.remaining() < n) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(buf.capacity() * 2, buf.position() + n));
            buf.flip();
            bigger.put(buf);
            buf = bigger;
        }
    }
}
