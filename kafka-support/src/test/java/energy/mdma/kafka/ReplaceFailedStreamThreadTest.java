package energy.mdma.kafka;

import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ReplaceFailedStreamThreadTest {
    @Test
    void aFailedThreadIsReplacedUntilTheFailureKeepsComingBack() {
        ReplaceFailedStreamThread handler = new ReplaceFailedStreamThread();
        for (int i = 0; i < ReplaceFailedStreamThread.MAX_REPLACEMENTS; i++) {
            assertEquals(StreamThreadExceptionResponse.REPLACE_THREAD, handler.handle(new IllegalStateException("transient " + i)));
        }
        assertEquals(StreamThreadExceptionResponse.SHUTDOWN_CLIENT, handler.handle(new IllegalStateException("again")));
    }
}
