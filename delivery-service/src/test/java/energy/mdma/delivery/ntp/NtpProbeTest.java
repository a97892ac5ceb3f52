package energy.mdma.delivery.ntp;

import org.apache.commons.net.ntp.NtpV3Impl;
import org.apache.commons.net.ntp.NtpV3Packet;
import org.apache.commons.net.ntp.TimeStamp;
import org.junit.jupiter.api.Test;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.*;

/** Against a fake SNTP server on the loopback whose clock runs {@code skew} ahead. */
class NtpProbeTest {

    static DatagramSocket fakeServer(long skewMillis) throws Exception {
        DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            try {
                byte[] buf = new byte[48];
                DatagramPacket in = new DatagramPacket(buf, buf.length);
                socket.receive(in);
                NtpV3Impl request = new NtpV3Impl();
                request.setDatagramPacket(in);
                NtpV3Impl reply = new NtpV3Impl();
                reply.setMode(NtpV3Packet.MODE_SERVER);
                reply.setVersion(NtpV3Packet.VERSION_3);
                reply.setStratum(1);
                reply.setOriginateTimeStamp(request.getTransmitTimeStamp());
                reply.setReceiveTimeStamp(TimeStamp.getNtpTime(System.currentTimeMillis() + skewMillis));
                reply.setReferenceTime(TimeStamp.getNtpTime(System.currentTimeMillis() + skewMillis));
                reply.setTransmitTime(TimeStamp.getNtpTime(System.currentTimeMillis() + skewMillis));
                DatagramPacket out = reply.getDatagramPacket();
                out.setAddress(in.getAddress());
                out.setPort(in.getPort());
                socket.send(out);
            } catch (Exception ignored) {
                // test server ends
            }
        }, "fake-ntp");
        t.setDaemon(true);
        t.start();
        return socket;
    }

    @Test
    void measuresTheOffset() throws Exception {
        try (DatagramSocket server = fakeServer(120_000)) {
            NtpProbe.Measurement m = new NtpProbe().measure("127.0.0.1", server.getLocalPort(), Duration.ofSeconds(2));
            assertTrue(Math.abs(m.offsetMillis() - 120_000) < 1_000, "offset " + m.offsetMillis());
        }
    }

    @Test
    void readinessDownOverTheLimitUpWhenUnreachable() throws Exception {
        ClockCheck check = new ClockCheck();
        check.enabled = true;
        check.server = "127.0.0.1";
        check.timeout = Duration.ofMillis(500);
        check.maxOffset = Duration.ofSeconds(60);
        try (DatagramSocket server = fakeServer(-90_000)) {
            check.port = server.getLocalPort();
            check.measureNow();
        }
        assertEquals(org.eclipse.microprofile.health.HealthCheckResponse.Status.DOWN, check.call().getStatus());
        assertEquals("offset_too_large", check.call().getData().orElseThrow().get("status"));

        try (DatagramSocket server = fakeServer(20_000)) {
            check.port = server.getLocalPort();
            check.measureNow();
        }
        assertEquals(org.eclipse.microprofile.health.HealthCheckResponse.Status.UP, check.call().getStatus());

        try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            check.port = silent.getLocalPort();
            check.measureNow();
        }
        assertEquals(org.eclipse.microprofile.health.HealthCheckResponse.Status.UP, check.call().getStatus());
        assertEquals("unknown", check.call().getData().orElseThrow().get("status"));
        assertNotNull(check.call().getData().orElseThrow().get("error"));
        check.unreachableIsDown = true;
        assertEquals(org.eclipse.microprofile.health.HealthCheckResponse.Status.DOWN, check.call().getStatus());
    }
}
