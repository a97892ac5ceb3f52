package energy.mdma.delivery.mail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes each mail as an RFC 5322 message ({@code .eml}, opens in any mail reader) to a directory: the local stack
 * without an SMTP server ({@code ./mdma up} says where).
 */
public class FileMailTransport implements MailTransport {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private final Path dir;
    private final String from;
    private final Clock clock;
    private final AtomicLong sequence = new AtomicLong();

    public FileMailTransport(Path dir, String from, Clock clock) {
        this.dir = dir;
        this.from = from;
        this.clock = clock;
    }

    @Override
    public void send(OutgoingMail m) throws IOException {
        Files.createDirectories(dir);
        String boundary = "mdma-" + UUID.randomUUID();
        StringBuilder sb = new StringBuilder();
        sb.append("From: ").append(from).append("\r\n");
        sb.append("To: ").append(String.join(", ", m.to())).append("\r\n");
        sb.append("Subject: ").append(m.subject().replaceAll("[\r\n]", " ")).append("\r\n");
        sb.append("Date: ").append(DATE.format(clock.instant())).append("\r\n");
        sb.append("MIME-Version: 1.0\r\n");
        if (m.attachmentName() == null) {
            sb.append("Content-Type: text/plain; charset=UTF-8\r\n\r\n").append(crlf(m.text()));
        } else {
            sb.append("Content-Type: multipart/mixed; boundary=\"").append(boundary).append("\"\r\n\r\n");
            sb.append("--").append(boundary).append("\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n")
                    .append(crlf(m.text())).append("\r\n");
            sb.append("--").append(boundary).append("\r\nContent-Type: ").append(m.attachmentType())
                    .append("\r\nContent-Disposition: attachment; filename=\"").append(m.attachmentName())
                    .append("\"\r\nContent-Transfer-Encoding: base64\r\n\r\n")
                    .append(Base64.getMimeEncoder().encodeToString(m.attachment())).append("\r\n");
            sb.append("--").append(boundary).append("--\r\n");
        }
        String name = STAMP.format(clock.instant()) + "-" + String.format("%04d", sequence.incrementAndGet() % 10000)
                + "-" + UUID.randomUUID().toString().substring(0, 8) + ".eml";
        Path tmp = dir.resolve(name + ".tmp");
        Files.writeString(tmp, sb, StandardCharsets.UTF_8);
        Files.move(tmp, dir.resolve(name), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static String crlf(String text) {
        return text.replace("\r\n", "\n").replace("\n", "\r\n");
    }

    @Override
    public String describe() {
        return "files in " + dir.toAbsolutePath() + " (no SMTP server configured)";
    }
}
