package energy.mdma.delivery.push;

import energy.mdma.delivery.audit.AuditAction;
import energy.mdma.delivery.audit.AuditEntry;
import energy.mdma.delivery.audit.AuditOutcome;
import energy.mdma.delivery.audit.AuditSink;
import energy.mdma.delivery.mailbox.FileContentStore;
import energy.mdma.events.MailboxAction;
import energy.mdma.events.MailboxFileEvent;
import org.jboss.logging.Logger;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Pushes new files to the parties' MFT servers (delivery.md "Push to the utility's MFT server"):
 * {@code PUT {url}/{file name}} over HTTPS with HTTP Basic, at posting time and in a daily run; a failure is
 * retried with exponential backoff for up to {@code retryFor}; a 2xx answer counts as pushed. Every attempt's
 * result is an event (PUSHED / PUSH_FAILED on mdma.mailbox.events) and an audit entry; the pushed state comes
 * back from those events after a restart, so pushed files are not pushed again. Uploads run one at a time on
 * the service's own thread. Nothing secret (password, endpoint URL) is logged or written to an event.
 */
public class PushService implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PushService.class);
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9._-]{1,200}");
    public static final String ACTOR = "mdma-push";

    /** A party's endpoint. {@link #toString()} shows neither the URL nor the password. */
    public record Target(String url, String username, String password) {
        @Override
        public String toString() {
            return "Target[***]";
        }
    }

    @FunctionalInterface
    public interface Targets {
        Optional<Target> forParty(String party);
    }

    /** Writes an event to the log (and waits for it). */
    @FunctionalInterface
    public interface Publisher {
        void publish(MailboxFileEvent event);
    }

    /** A file that may be pushed. */
    public record PushFile(String fileId, String party, String name, String sha256, Instant postedAt) {
    }

    public record Settings(Duration retryFor, Duration initialBackoff, Duration maxBackoff, Duration lookback,
                           Duration timeout, LocalTime dailyAt, ZoneId zone) {
    }

    private static final class State {
        volatile boolean pushed;
        volatile Instant roundStart;
        volatile int failuresInRound;
        volatile long round;
        /** The current round ended without a push: its retry window is over (the daily run starts the next). */
        volatile boolean gaveUp;
    }

    private final Settings settings;
    private final Targets targets;
    private final FileContentStore content;
    private final Publisher publisher;
    private final AuditSink audit;
    private final Clock clock;
    private final HttpClient http;
    private final Map<String, PushFile> files = new ConcurrentHashMap<>();
    private final Map<String, State> states = new ConcurrentHashMap<>();
    private final ScheduledExecutorService exec;

    public PushService(Settings settings, Targets targets, FileContentStore content, Publisher publisher,
                       AuditSink audit, Clock clock, HttpClient http) {
        this.settings = settings;
        this.targets = targets;
        this.content = content;
        this.publisher = publisher;
        this.audit = audit;
        this.clock = clock;
        this.http = http;
        this.exec = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mdma-push");
            t.setDaemon(true);
            return t;
        });
    }

    /** A file known from the log (replay or live); does not push it. */
    public void know(PushFile file) {
        files.putIfAbsent(file.fileId(), file);
        states.computeIfAbsent(file.fileId(), id -> new State());
    }

    /** A PUSHED or PUSH_FAILED event from the log. */
    public void apply(MailboxFileEvent event) {
        if (event.getAction() == MailboxAction.PUSHED) {
            states.computeIfAbsent(event.getFileId(), id -> new State()).pushed = true;
        }
    }

    public boolean isPushed(String fileId) {
        State s = states.get(fileId);
        return s != null && s.pushed;
    }

    /** Whether the file's current round of attempts gave up (no attempt is scheduled until the next round). */
    public boolean gaveUp(String fileId) {
        State s = states.get(fileId);
        return s != null && s.gaveUp;
    }

    /** A newly posted file: pushed now when its party has an endpoint. */
    public void posted(PushFile file) {
        know(file);
        if (targets.forParty(file.party()).isPresent()) {
            startRound(file.fileId());
        }
    }

    /**
     * Every file posted within the lookback that is not pushed yet and whose party has an endpoint gets a new
     * round of attempts (the daily run, and the run once the log has been replayed after a start).
     */
    public int sweep() {
        return sweep(Set.of());
    }

    /**
     * {@link #sweep()}, and also the files of {@code newFiles} whatever their posting time: files just placed in the
     * mailbox that no push was ever started for (read while the log was replayed at start).
     */
    public int sweep(Set<String> newFiles) {
        Instant oldest = clock.instant().minus(settings.lookback());
        int n = 0;
        for (PushFile f : files.values()) {
            boolean due = !f.postedAt().isBefore(oldest) || newFiles.contains(f.fileId());
            if (due && !isPushed(f.fileId()) && targets.forParty(f.party()).isPresent()) {
                startRound(f.fileId());
                n++;
            }
        }
        return n;
    }

    /** Schedules the daily run at {@code dailyAt} local time. */
    public void scheduleDaily() {
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(settings.zone()));
        ZonedDateTime next = now.with(settings.dailyAt());
        if (!next.isAfter(now)) {
            next = next.plusDays(1);
        }
        long delay = Duration.between(now, next).toMillis();
        exec.schedule(() -> {
            try {
                int n = sweep();
                LOG.infof("daily push run: %d file(s) to push", n);
            } finally {
                scheduleDaily();
            }
        }, delay, TimeUnit.MILLISECONDS);
    }

    private void startRound(String fileId) {
        State s = states.computeIfAbsent(fileId, id -> new State());
        long round;
        synchronized (s) {
            s.round++;
            s.roundStart = null;
            s.failuresInRound = 0;
            s.gaveUp = false;
            round = s.round;
        }
        exec.execute(() -> attempt(fileId, round));
    }

    private void attempt(String fileId, long round) {
        State s = states.get(fileId);
        PushFile f = files.get(fileId);
        if (s == null || f == null || s.pushed || s.round != round) {
            return;
        }
        Optional<Target> target = targets.forParty(f.party());
        if (target.isEmpty()) {
            return;
        }
        String outcome;
        boolean ok = false;
        try {
            if (!SAFE_NAME.matcher(f.name()).matches()) {
                outcome = "file name not usable in a URL";
            } else {
                Optional<byte[]> bytes = content.read(f.sha256());
                if (bytes.isEmpty()) {
                    outcome = "content missing";
                } else {
                    HttpResponse<Void> r = http.send(request(target.get(), f.name(), bytes.get()),
                            HttpResponse.BodyHandlers.discarding());
                    ok = r.statusCode() >= 200 && r.statusCode() < 300;
                    outcome = "HTTP " + r.statusCode();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            outcome = "error " + e.getClass().getSimpleName();
        }
        Instant now = clock.instant();
        if (ok) {
            s.pushed = true;
        }
        record(f, ok ? MailboxAction.PUSHED : MailboxAction.PUSH_FAILED, now, outcome);
        if (ok) {
            return;
        }
        Duration delay;
        synchronized (s) {
            if (s.round != round) {
                return;
            }
            if (s.roundStart == null) {
                s.roundStart = now;
            }
            s.failuresInRound++;
            delay = backoff(s.failuresInRound);
            if (now.plus(delay).isAfter(s.roundStart.plus(settings.retryFor()))) {
                LOG.warnf("push of %s to %s failed (%s); giving up until the daily run", f.name(), f.party(), outcome);
                s.gaveUp = true;
                return;
            }
        }
        LOG.infof("push of %s to %s failed (%s); retrying in %s", f.name(), f.party(), outcome, delay);
        exec.schedule(() -> attempt(fileId, round), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** initial * 2^(failures-1), at most maxBackoff. */
    Duration backoff(int failures) {
        Duration d = settings.initialBackoff();
        for (int i = 1; i < failures && d.compareTo(settings.maxBackoff()) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : d;
    }

    private HttpRequest request(Target t, String name, byte[] bytes) {
        String base = t.url().endsWith("/") ? t.url().substring(0, t.url().length() - 1) : t.url();
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/" + name))
                .timeout(settings.timeout())
                .header("Content-Type", name.endsWith(".csv") ? "text/csv" : "application/edi-x12")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes));
        if (t.username() != null && !t.username().isEmpty()) {
            String token = t.username() + ":" + (t.password() == null ? "" : t.password());
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8)));
        }
        return b.build();
    }

    private void record(PushFile f, MailboxAction action, Instant at, String detail) {
        try {
            publisher.publish(MailboxFileEvent.newBuilder().setFileId(f.fileId()).setPartyId(f.party())
                    .setAction(action).setAt(at).setBy(ACTOR).setDetail(detail).build());
        } catch (RuntimeException e) {
            LOG.errorf("could not record %s of %s: %s", action, f.name(), e.toString());
        }
        audit.record(new AuditEntry(UUID.randomUUID().toString(), at, ACTOR, null, AuditAction.PUSH, f.party(),
                f.name(), null, action == MailboxAction.PUSHED ? AuditOutcome.SUCCESS : AuditOutcome.FAILURE, detail));
    }

    @Override
    public void close() {
        exec.shutdownNow();
    }
}
