package energy.mdma.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

/** The tests' one polling helper: at once when it holds, a clear failure when it does not, in the caller's thread. */
class PollTest {

    @Test
    void aConditionThatHoldsIsPolledOnceWithoutPause() {
        AtomicInteger polls = new AtomicInteger();
        long t0 = System.nanoTime();
        Poll.until("true", Duration.ofSeconds(5), () -> polls.incrementAndGet() > 0);
        assertEquals(1, polls.get());
        assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(1).toNanos(), "no initial pause");
    }

    @Test
    void pollsUntilTheValueIsAcceptedAndReturnsIt() {
        AtomicInteger polls = new AtomicInteger();
        assertEquals(3, Poll.until("the third poll", Duration.ofSeconds(10), polls::incrementAndGet, n -> n >= 3));
    }

    @Test
    void runsTheConditionInTheCallersThread() {
        Thread caller = Thread.currentThread();
        Poll.until("in the caller's thread", Duration.ofSeconds(5), () -> Thread.currentThread() == caller);
    }

    @Test
    void theFailureSaysWhatWasAwaitedForHowLongAndTheLastValue() {
        AtomicInteger polls = new AtomicInteger();
        ConditionTimeoutException e = assertThrows(ConditionTimeoutException.class, () -> Poll.until(
                "three files in the mailbox", Duration.ofMillis(300), () -> List.of("f" + polls.incrementAndGet()),
                files -> files.size() == 3));
        assertTrue(e.getMessage().startsWith("timed out after 300 ms ("), e.getMessage());
        assertTrue(e.getMessage().contains("waiting for: three files in the mailbox; last value: [f" + polls.get() + "]"),
                e.getMessage());
        assertTrue(polls.get() > 2, "polled again and again: " + polls.get());
    }

    @Test
    void aBooleanConditionFailsWithWhatWasAwaited() {
        ConditionTimeoutException e = assertThrows(ConditionTimeoutException.class,
                () -> Poll.until("the registry ready", Duration.ofMillis(100), () -> false));
        assertTrue(e.getMessage().matches("timed out after 100 ms \\(\\d+ polls?\\) waiting for: the registry ready"),
                e.getMessage());
    }

    @Test
    void anExceptionOfTheConditionEndsTheWaitAtOnce() {
        AtomicInteger polls = new AtomicInteger();
        IllegalStateException boom = new IllegalStateException("the process exited");
        assertSame(boom, assertThrows(IllegalStateException.class, () -> Poll.until("never", Duration.ofSeconds(30), () -> {
            polls.incrementAndGet();
            throw boom;
        })));
        assertEquals(1, polls.get());
    }

    @Test
    void retryingRetriesTheGivenExceptionsOnly() {
        AtomicInteger calls = new AtomicInteger();
        assertEquals("sent", Poll.retrying("a send", Duration.ofSeconds(10), RuntimeException.class, () -> {
            if (calls.incrementAndGet() < 3) {
                throw new IllegalStateException("registry busy");
            }
            return "sent";
        }));
        assertEquals(3, calls.get());

        IOException io = new IOException("refused");
        assertSame(io, assertThrows(IOException.class,
                () -> Poll.retrying("a send", Duration.ofSeconds(10), RuntimeException.class, () -> {
                    throw io;
                })));
    }

    @Test
    void retryingFailsWithTheLastExceptionAsCause() {
        UncheckedIOException last = new UncheckedIOException(new IOException("not listening"));
        ConditionTimeoutException e = assertThrows(ConditionTimeoutException.class,
                () -> Poll.retrying("the service answering", Duration.ofMillis(200), UncheckedIOException.class, () -> {
                    throw last;
                }));
        assertSame(last, e.getCause());
        assertTrue(e.getMessage().contains("waiting for: the service answering; last exception: " + last), e.getMessage());
    }

    @Test
    void durationsAreShownInSecondsOrMilliseconds() {
        assertEquals("90 s", Poll.format(Duration.ofSeconds(90)));
        assertEquals("1500 ms", Poll.format(Duration.ofMillis(1500)));
    }
}
