package energy.mdma.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP forwarder on a free local port that a test can switch off and on: while off, every connection (the open ones
 * included) is closed at once, as if the target were down; while on, bytes go to and from the target. It lets a test
 * take a shared service (the schema registry) away from one client without stopping it for everyone else.
 */
public final class TcpSwitch implements AutoCloseable {

    private final String targetHost;
    private final int targetPort;
    private final ServerSocket server;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private volatile boolean on;
    private volatile boolean closed;

    /** Starts off (connections refused) unless {@code on}. */
    public TcpSwitch(String targetHost, int targetPort, boolean on) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.on = on;
        try {
            this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.acceptor = new Thread(this::accept, "tcp-switch-" + server.getLocalPort());
        this.acceptor.setDaemon(true);
        this.acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    public boolean isOn() {
        return on;
    }

    public void on() {
        on = true;
    }

    /** Closes every open connection and every later one until {@link #on()}. */
    public void off() {
        on = false;
        for (Socket s : open) {
            quietlyClose(s);
        }
    }

    private void accept() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return;
            }
            if (!on) {
                quietlyClose(client);
                continue;
            }
            Socket target = new Socket();
            try {
                target.connect(new InetSocketAddress(targetHost, targetPort), 5_000);
            } catch (IOException e) {
                quietlyClose(client);
                quietlyClose(target);
                continue;
            }
            open.add(client);
            open.add(target);
            pump(client, target);
            pump(target, client);
        }
    }

    private void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // closed by the other side or by off()
            } finally {
                quietlyClose(from);
                quietlyClose(to);
                open.remove(from);
                open.remove(to);
            }
        }, "tcp-switch-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void quietlyClose(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // nothing to do
        }
    }

    @Override
    public void close() {
        closed = true;
        off();
        try {
            server.close();
        } catch (IOException e) {
            // nothing to do
        }
    }
}
