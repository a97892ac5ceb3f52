package energy.mdma.testsupport;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A minimal HTTP/1.1 client over one kept-alive TLS connection, bound to a chosen local (source) address such as
 * 127.0.0.7: lets a test be "another client" for per-source rate limits and send many requests fast. Test only: it
 * trusts any server certificate.
 */
public final class RawHttps implements AutoCloseable {

    /** A response: status, headers (lower-case names) and the body as text. */
    public record Reply(int status, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final String host;
    private final int port;
    private final String source;
    private SSLSocket socket;
    private InputStream in;
    private OutputStream out;

    public RawHttps(URL base, String sourceAddress) {
        this.host = base.getHost().equals("localhost") ? "127.0.0.1" : base.getHost();
        this.port = base.getPort();
        this.source = sourceAddress;
    }

    private void connect() throws IOException {
        try {
            SSLContext ssl = TrustAnyCertificate.sslContext();
            SSLSocket s = (SSLSocket) ssl.getSocketFactory().createSocket();
            s.bind(new InetSocketAddress(source, 0));
            s.connect(new InetSocketAddress(host, port), 10_000);
            s.setSoTimeout(30_000);
            s.startHandshake();
            socket = s;
            in = new BufferedInputStream(s.getInputStream());
            out = s.getOutputStream();
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    /** One request (GET when body is null); reconnects once when the server closed the connection. */
    public Reply request(String method, String path, Map<String, String> headers, String body) throws IOException {
        for (int attempt = 0; ; attempt++) {
            try {
                if (socket == null) {
                    connect();
                }
                return exchange(method, path, headers, body);
            } catch (IOException e) {
                close();
                if (attempt > 0) {
                    throw e;
                }
            }
        }
    }

    public Reply get(String path, Map<String, String> headers) throws IOException {
        return request("GET", path, headers, null);
    }

    private Reply exchange(String method, String path, Map<String, String> headers, String body) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: localhost:").append(port).append("\r\n");
        byte[] payload = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
        if (headers != null) {
            headers.forEach((k, v) -> sb.append(k).append(": ").append(v).append("\r\n"));
        }
        if (payload != null) {
            sb.append("Content-Length: ").append(payload.length).append("\r\n");
        }
        sb.append("\r\n");
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        if (payload != null) {
            out.write(payload);
        }
        out.flush();
        String status = line();
        if (status == null) {
            throw new IOException("connection closed");
        }
        int code = Integer.parseInt(status.split(" ")[1]);
        Map<String, String> h = new LinkedHashMap<>();
        for (String l = line(); l != null && !l.isEmpty(); l = line()) {
            int colon = l.indexOf(':');
            h.put(l.substring(0, colon).trim().toLowerCase(Locale.ROOT), l.substring(colon + 1).trim());
        }
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        if ("chunked".equalsIgnoreCase(h.get("transfer-encoding"))) {
            for (int size = Integer.parseInt(line().split(";")[0].trim(), 16); size > 0;
                 size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
                content.write(in.readNBytes(size));
                line();
            }
            line();
        } else if (h.containsKey("content-length")) {
            content.write(in.readNBytes(Integer.parseInt(h.get("content-length"))));
        }
        if ("close".equalsIgnoreCase(h.get("connection"))) {
            close();
        }
        return new Reply(code, h, content.toString(StandardCharsets.UTF_8));
    }

    private String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                String s = b.toString(StandardCharsets.ISO_8859_1);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            b.write(c);
        }
        return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing
            }
        }
        socket = null;
    }
}
