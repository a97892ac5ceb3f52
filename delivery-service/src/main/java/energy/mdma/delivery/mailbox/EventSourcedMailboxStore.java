package energy.mdma.delivery.mailbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * What every mailbox view does the same way: a post or an acknowledgement is published to the {@link MailboxEventSink}
 * first and then applied to the view ({@link #apply}), so the view holds only what the log has. Posting numbers the
 * file (an unguessable id led by its post time) and keeps post times strictly increasing, so a file posted now sorts
 * after every cursor handed out before. Subclasses hold the files: {@link #get}, {@link #list}, {@link #latest},
 * {@link #apply}.
 */
public abstract class EventSourcedMailboxStore implements MailboxStore {

    private static final char[] ID_CHARS = "0123456789abcdefghijklmnopqrstuvwxyz".toCharArray();

    private final FileContentStore content;
    private final MailboxEventSink sink;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private Instant lastPosted = Instant.EPOCH;

    protected EventSourcedMailboxStore(FileContentStore content, MailboxEventSink sink, Clock clock) {
        this.content = Objects.requireNonNull(content);
        this.sink = Objects.requireNonNull(sink);
        this.clock = Objects.requireNonNull(clock);
    }

    @Override
    public MailboxFile post(String party, String name, DocumentKind kind, byte[] bytes) {
        String sha;
        try {
            sha = content.put(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("could not store the content of " + name, e);
        }
        MailboxFile file;
        synchronized (this) {
            Instant now = clock.instant();
            Instant postedAt = now.isAfter(lastPosted) ? now : lastPosted.plusNanos(1);
            lastPosted = postedAt;
            file = new MailboxFile(newId(postedAt), party, name, kind, bytes.length, sha, postedAt, null, null);
            MailboxEvent event = new MailboxEvent.FilePosted(file);
            sink.publish(event);
            apply(event);
        }
        return file;
    }

    private String newId(Instant at) {
        StringBuilder sb = new StringBuilder(28);
        sb.append(String.format("%011x", at.toEpochMilli())).append('-');
        for (int i = 0; i < 16; i++) {
            sb.append(ID_CHARS[random.nextInt(ID_CHARS.length)]);
        }
        return sb.toString();
    }

    @Override
    public Optional<MailboxFile> ack(String party, String fileId, String actor) {
        Optional<MailboxFile> held = get(party, fileId);
        if (held.isEmpty() || held.get().isRetrieved()) {
            return held;
        }
        synchronized (this) {
            MailboxFile current = get(party, fileId).orElseThrow();
            if (current.isRetrieved()) {
                return Optional.of(current);
            }
            // in milliseconds, as the event on mdma.mailbox.events carries it: the view read back from the log holds the
            // same retrievedAt as this answer, so a repeated (idempotent) acknowledgement answers the first one's time
            MailboxEvent event = new MailboxEvent.FileRetrieved(party, fileId,
                    clock.instant().truncatedTo(ChronoUnit.MILLIS), actor);
            sink.publish(event);
            apply(event);
        }
        return get(party, fileId);
    }
}
