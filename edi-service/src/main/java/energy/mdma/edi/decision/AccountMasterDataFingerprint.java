package energy.mdma.edi.decision;

import energy.mdma.edi.internal.PartyData;
import energy.mdma.events.ChannelEvent;
import energy.mdma.events.MeterEvent;
import energy.mdma.events.Sha256;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.Encoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A digest of the master data an account's 867s carry: its meters (with their channels) and its UDC and ESP with
 * their names and D-U-N-S. When it differs from the one the account's account-periods were decided with, they are
 * decided again (a posted 867 that no longer matches gets a correction). What the master data say counts, not which
 * file said it: a re-sent file with the same rows changes nothing.
 *
 * <p>Every field of the meter and channel records counts except {@code sourceFileId} (a field added to the records
 * later counts without a change here): their Avro binary encoding without that field goes straight into the digest,
 * with no copy of the records and no text. One instance per processor (a stream thread): it reuses its digest and
 * encoder.
 */
public final class AccountMasterDataFingerprint {
    private static final String SOURCE_FILE_ID = "sourceFileId";

    private final MessageDigest sha = Sha256.newDigest();
    private final OutputStream toDigest = new OutputStream() {
        @Override
        public void write(int b) {
            sha.update((byte) b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            sha.update(b, off, len);
        }
    };
    private final SpecificDatumWriter<MeterEvent> meterWriter = new WithoutSourceFile<>(MeterEvent.getClassSchema());
    private final SpecificDatumWriter<ChannelEvent> channelWriter =
            new WithoutSourceFile<>(ChannelEvent.getClassSchema());
    private BinaryEncoder encoder;

    /**
     * @param meters     the account's meters, in the order of the meter index
     * @param channelsOf a meter's channels, in the order of the channel table
     * @param parties    a party with its D-U-N-S, or null when not known
     * @return the SHA-256 as hex, in ASCII bytes
     */
    public byte[] of(List<MeterEvent> meters, Function<String, List<ChannelEvent>> channelsOf,
                     Function<String, PartyData> parties) {
        sha.reset();
        encoder = EncoderFactory.get().directBinaryEncoder(toDigest, encoder);
        try {
            TreeSet<String> partyIds = new TreeSet<>();
            for (MeterEvent m : meters) {
                encoder.writeString("meter");
                meterWriter.write(m, encoder);
                add(partyIds, m.getUdcId());
                add(partyIds, m.getEspId());
                for (ChannelEvent c : channelsOf.apply(m.getMeterId())) {
                    encoder.writeString("channel");
                    channelWriter.write(c, encoder);
                }
            }
            for (String id : partyIds) {
                PartyData p = parties.apply(id);
                encoder.writeString("party");
                encoder.writeString(id);
                optional(p == null ? null : p.getName());
                optional(p == null ? null : p.getDuns());
                encoder.writeBoolean(p != null);
            }
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // the digest's stream does not throw
        }
        return Sha256.hex(sha).getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The digest as versions before this one computed it (SHA-256 of the records' text without the source file id), so
     * that an installation's stored digests are taken over without deciding every account again: an account whose
     * stored digest is this one was decided with the same master data.
     */
    public static byte[] former(List<MeterEvent> meters, Function<String, List<ChannelEvent>> channelsOf,
                                Function<String, PartyData> parties) {
        StringBuilder sb = new StringBuilder(256);
        TreeSet<String> partyIds = new TreeSet<>();
        for (MeterEvent m : meters) {
            sb.append("meter\u0000").append(MeterEvent.newBuilder(m).setSourceFileId(null).build()).append('\u0000');
            partyIds.add(m.getUdcId());
            partyIds.add(m.getEspId());
            for (ChannelEvent c : channelsOf.apply(m.getMeterId())) {
                sb.append("channel\u0000").append(ChannelEvent.newBuilder(c).setSourceFileId(null).build())
                        .append('\u0000');
            }
        }
        for (String id : partyIds) {
            PartyData p = id == null ? null : parties.apply(id);
            sb.append("party\u0000").append(id).append('\u0000')
                    .append(p == null ? "-" : p.getName() + "\u0000" + p.getDuns());
        }
        return Sha256.hex(sb.toString().getBytes(StandardCharsets.UTF_8)).getBytes(StandardCharsets.US_ASCII);
    }

    private static void add(TreeSet<String> ids, String id) {
        if (id != null) {
            ids.add(id);
        }
    }

    private void optional(String s) throws IOException {
        encoder.writeBoolean(s != null);
        if (s != null) {
            encoder.writeString(s);
        }
    }

    /** Writes a record's fields in schema order, {@code sourceFileId} left out (at any depth). */
    private static final class WithoutSourceFile<T> extends SpecificDatumWriter<T> {
        WithoutSourceFile(Schema schema) {
            super(schema);
        }

        @Override
        protected void writeField(Object datum, Schema.Field f, Encoder out, Object state) throws IOException {
            if (!SOURCE_FILE_ID.equals(f.name())) {
                super.writeField(datum, f, out, state);
            }
        }
    }
}
