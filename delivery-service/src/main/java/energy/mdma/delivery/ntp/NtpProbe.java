package energy.mdma.delivery.ntp;

import org.apache.commons.net.ntp.NTPUDPClient;
import org.apache.commons.net.ntp.TimeInfo;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;

/** Measures this machine's clock offset against an NTP server (SNTP over UDP, commons-net). */
public class NtpProbe {

    /** @param offsetMillis local clock minus server clock is -offset: server time = local time + offset */
    public record Measurement(long offsetMillis, long delayMillis) {
    }

    public Measurement measure(String host, int port, Duration timeout) throws IOException {
        NTPUDPClient client = new NTPUDPClient();
        client.setDefaultTimeout(timeout);
        try {
            client.open();
            TimeInfo info = client.getTime(InetAddress.getByName(host), port);
            info.computeDetails();
            Long offset = info.getOffset();
            Long delay = info.getDelay();
            if (offset == null) {
                throw new IOException("the NTP answer had no usable timestamps");
            }
            return new Measurement(offset, delay == null ? -1 : delay);
        } finally {
            client.close();
        }
    }
}
