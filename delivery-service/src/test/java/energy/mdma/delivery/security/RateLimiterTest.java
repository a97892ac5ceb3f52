package energy.mdma.delivery.security;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class RateLimiterTest {
    @Test
    void burstThenRefusalPerKey() throws InterruptedException {
        RateLimiter l = new RateLimiter(10, 3);
        assertEquals(0, l.tryAcquire("a"));
        assertEquals(0, l.tryAcquire("a"));
        assertEquals(0, l.tryAcquire("a"));
        long wait = l.tryAcquire("a");
        assertTrue(wait >= 1, "refused with a wait");
        assertEquals(0, l.tryAcquire("b"), "other keys unaffected");
        Thread.sleep(250);
        assertEquals(0, l.tryAcquire("a"), "refilled");
    }
}
