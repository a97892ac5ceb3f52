package energy.mdma.testsupport;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.pollinterval.PollInterval;

/**
 * The one way the tests (and the platform's own start) wait for something: poll it until it holds or a timeout
 * passes, never sleep a guessed time. Built on Awaitility:
 * <ul>
 * <li>the first poll at once, the next after 20 ms, the pause doubling up to 200 ms: quick for what is quick,
 * cheap for a long wait on a busy machine;</li>
 * <li>the condition runs in the caller's thread, so a Kafka consumer or another single-threaded client can be used
 * in it, and a call that blocks ends before the timeout is checked;</li>
 * <li>an exception the condition throws ends the wait at once and is rethrown as it is, checked or not (catch what
 * means "not yet" inside the condition, or use {@link #retrying});</li>
 * <li>at the timeout a {@link ConditionTimeoutException} says what was awaited, for how long, how often it was
 * polled and the last value (or exception, then also its cause) seen.</li>
 * </ul>
 */
public final class Poll {

    /** The pause after the first poll; it doubles up to {@link #MAX_INTERVAL}. */
    static final Duration FIRST_INTERVAL = Duration.ofMillis(20);
    static final Duration MAX_INTERVAL = Duration.ofMillis(200);
    /** The longest last value a timeout message shows. */
    private static final int MAX_SHOWN = 2_000;

    private static final PollInterval BACKOFF = (pollCount, previous) -> {
        if (previous == null || previous.compareTo(FIRST_INTERVAL) < 0) {
            return FIRST_INTERVAL;
        }
        Duration next = previous.multipliedBy(2);
        return next.compareTo(MAX_INTERVAL) > 0 ? MAX_INTERVAL : next;
    };

    private Poll() {
    }

    /**
     * Polls {@code condition} until it returns true.
     *
     * @param what what is awaited, for the failure ("the registry ready", "three files in the UDC's mailbox")
     * @throws ConditionTimeoutException if it did not return true within {@code timeout}
     */
    public static void until(String what, Duration timeout, Callable<Boolean> condition) {
        poll(what, timeout, condition, Boolean.TRUE::equals, null);
    }

    /**
     * Polls {@code value} until {@code done} accepts what it returns, and returns that.
     *
     * @throws ConditionTimeoutException if no value was accepted within {@code timeout}; its message shows the last one
     */
    public static <T> T until(String what, Duration timeout, Callable<T> value, Predicate<? super T> done) {
        return poll(what, timeout, value, done, null);
    }

    /**
     * Calls {@code action} until it returns without throwing a {@code retried} exception (e.g. a service that is
     * not answering yet), and returns its result. Other exceptions end the wait at once.
     *
     * @throws ConditionTimeoutException if every call within {@code timeout} threw; the last exception is its cause
     */
    public static <T> T retrying(String what, Duration timeout, Class<? extends Exception> retried, Callable<T> action) {
        return poll(what, timeout, action, any -> true, retried);
    }

    private record Seen<T>(T value, Exception error) {
    }

    private static <T> T poll(String what, Duration timeout, Callable<T> value, Predicate<? super T> done,
            Class<? extends Exception> retried) {
        AtomicReference<Seen<T>> last = new AtomicReference<>();
        AtomicInteger polls = new AtomicInteger();
        Callable<Seen<T>> probe = () -> {
            polls.incrementAndGet();
            Seen<T> seen;
            try {
                seen = new Seen<>(value.call(), null);
            } catch (Exception e) {
                if (retried == null || !retried.isInstance(e)) {
                    throw e;
                }
                seen = new Seen<>(null, e);
            }
            last.set(seen);
            return seen;
        };
        try {
            return Awaitility.await(what).atMost(timeout).pollDelay(Duration.ZERO).pollInterval(BACKOFF).pollInSameThread()
                    .until(probe, seen -> seen.error() == null && done.test(seen.value())).value();
        } catch (ConditionTimeoutException e) {
            Seen<T> seen = last.get();
            StringBuilder message = new StringBuilder("timed out after ").append(format(timeout)).append(" (")
                    .append(polls.get()).append(polls.get() == 1 ? " poll" : " polls").append(") waiting for: ").append(what);
            if (seen != null && seen.error() != null) {
                message.append("; last exception: ").append(shown(seen.error()));
            } else if (seen != null && !(seen.value() instanceof Boolean)) {
                message.append("; last value: ").append(shown(seen.value()));
            }
            throw new ConditionTimeoutException(message.toString(), seen == null ? null : seen.error());
        }
    }

    private static String shown(Object o) {
        String s = String.valueOf(o);
        return s.length() <= MAX_SHOWN ? s : s.substring(0, MAX_SHOWN) + "... (" + s.length() + " characters)";
    }

    /** "90 s", "1500 ms". */
    static String format(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
