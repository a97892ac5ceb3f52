package energy.mdma.kafka;

import com.microsoft.kiota.ApiException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RegistryRetryTest {

    /** The registry's answer as Apicurio's resolver throws it: its ApiException wrapped twice (ERCache). */
    static RuntimeException answered(int status) {
        ApiException api = new ApiException("registry error") {
            {
                setResponseStatusCode(status);
            }
        };
        return new RuntimeException(new RuntimeException(api));
    }

    final List<Long> pauses = new ArrayList<>();
    final RegistryRetry.Sleeper sleeper = pauses::add;

    @Test
    void aServerErrorIsTriedAgainAfterAShortPause() {
        AtomicInteger calls = new AtomicInteger();
        String schema = RegistryRetry.onServerError(() -> {
            if (calls.incrementAndGet() < 3) {
                throw answered(500); // the losing one of two concurrent registrations of the same content
            }
            return "schema 42";
        }, sleeper);
        assertEquals("schema 42", schema);
        assertEquals(3, calls.get());
        assertEquals(List.of(100L, 200L), pauses);
    }

    @Test
    void aServerErrorThatPersistsFailsAfterTheLastAttempt() {
        AtomicInteger calls = new AtomicInteger();
        RuntimeException last = answered(503);
        RuntimeException thrown = assertThrows(RuntimeException.class, () -> RegistryRetry.onServerError(() -> {
            calls.incrementAndGet();
            throw last;
        }, sleeper));
        assertSame(last, thrown);
        assertEquals(RegistryRetry.ATTEMPTS, calls.get());
        assertEquals(List.of(100L, 200L, 400L), pauses);
    }

    @Test
    void refusedCredentialsARejectedSchemaAndOtherFailuresFailAtOnce() {
        for (RuntimeException e : List.of(answered(401), answered(403), answered(409), answered(404),
                new IllegalStateException("cannot reach the registry"))) {
            AtomicInteger calls = new AtomicInteger();
            assertSame(e, assertThrows(RuntimeException.class, () -> RegistryRetry.onServerError(() -> {
                calls.incrementAndGet();
                throw e;
            }, sleeper)));
            assertEquals(1, calls.get(), e.toString());
        }
        assertEquals(List.of(), pauses);
    }
}
