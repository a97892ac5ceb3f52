package energy.mdma.edi.decision;

import energy.mdma.edi.internal.PartyData;
import energy.mdma.events.ChannelEvent;
import energy.mdma.events.MeterEvent;
import energy.mdma.events.Sha256;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A digest of the master data an account's 867s carry: its meters (with their channels) and its UDC and ESP with
 * their names and D-U-N-S. When it differs from the one the account's account-periods were decided with, they are
 * decided again (a posted 867 that no longer matches gets a correction). What the master data say counts, not which
 * file said it: a re-sent file with the same rows changes nothing.
 */
public final class MasterDataFingerprint {
    private MasterDataFingerprint() {
    }

    /**
     * @param meters     the account's meters, in the order of the meter index
     * @param channelsOf a meter's channels, in the order of the channel table
     * @param parties    a party with its D-U-N-S, or null when not known
     * @return the SHA-256 as hex, in ASCII bytes
     */
    public static byte[] of(List<MeterEvent> meters, Function<String, List<ChannelEvent>> channelsOf,
                            Function<String, PartyData> parties) {
        StringBuilder sb = new StringBuilder(256);
        TreeSet<String> partyIds = new TreeSet<>();
        for (MeterEvent m : meters) {
            sb.append("meter\u0000").append(MeterEvent.newBuilder(m).setSourceFileId(null).build()).append('\u0000');
            partyIds.add(m.getUdcId());
            partyIds.add(m.getEspId());
            for (ChannelEvent c : channelsOf.apply(m.getMeterId())) {
                sb.append("channel\u0000").append(ChannelEvent.newBuilder(c).setSourceFileId(null).build()).append('\u0000');
            }
        }
        for (String id : partyIds) {
            PartyData p = id == null ? null : parties.apply(id);
            sb.append("party\u0000").append(id).append('\u0000').append(p == null ? "-" : p.getName() + "\u0000" + p.getDuns());
        }
        return Sha256.hex(sb.toString().getBytes(StandardCharsets.UTF_8)).getBytes(StandardCharsets.US_ASCII);
    }
}
