package energy.mdma.service.auth;

import energy.mdma.testsupport.TestClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.*;

class RateLimiterTest {

    final TestClock clock = new TestClock(Instant.parse("2026-03-01T10:00:00Z"));

    @Test
    void burstThenRefusalPerKeyThenRefill() {
        RateLimiter l = new RateLimiter(10, 3, 100, clock);
        for (int i = 0; i < 3; i++) {
            assertTrue(l.acquire("a").allowed());
        }
        RateLimiter.Decision refused = l.acquire("a");
        assertFalse(refused.allowed());
        assertEquals(1, refused.retryAfterSeconds());
        assertTrue(refused.firstRefusal(), "the first refusal of a limit is marked (audited once)");
        assertFalse(l.acquire("a").firstRefusal(), "the next ones are not");
        assertTrue(l.acquire("b").allowed(), "other keys unaffected");
        clock.advance(Duration.ofMillis(100));
        assertTrue(l.acquire("a").allowed(), "refilled");
        assertFalse(l.acquire("a").allowed());
        assertTrue(l.acquire("a").firstRefusal() == false);
        clock.advance(Duration.ofMillis(100));
        assertTrue(l.acquire("a").allowed());
        assertTrue(l.acquire("a").firstRefusal(), "a new refusal after an allowed request is marked again");
    }

    @Test
    void boundedNumberOfKeys() {
        RateLimiter l = new RateLimiter(1, 2, 1000, clock);
        for (int i = 0; i < 1000; i++) {
            assertTrue(l.acquire("busy-" + i).allowed());
        }
        assertEquals(1000, l.size());
        RateLimiter.Decision full = l.acquire("new-key");
        assertFalse(full.allowed(), "every bucket busy: a new key is refused, not held (fail closed)");
        clock.advance(Duration.ofSeconds(2));
        assertTrue(l.acquire("new-key").allowed(), "the refilled buckets were dropped to make room");
        assertTrue(l.size() <= 1000);
        for (int i = 0; i < 100_000; i++) {
            l.acquire("flood-" + i);
        }
        assertTrue(l.size() <= 1000, "never more buckets than the bound: " + l.size());
    }

    @Test
    void ipv6SourcesCountPerSlash64() {
        assertEquals("ip:203.0.113.9", RateLimiter.sourceKey("203.0.113.9"));
        assertEquals(RateLimiter.sourceKey("2001:db8:1:2::1"), RateLimiter.sourceKey("2001:db8:1:2:ffff:ffff:ffff:ffff"));
        assertNotEquals(RateLimiter.sourceKey("2001:db8:1:2::1"), RateLimiter.sourceKey("2001:db8:1:3::1"));
        assertEquals("ip:192.0.2.1", RateLimiter.sourceKey("::ffff:192.0.2.1"));
        assertEquals("ip:unknown", RateLimiter.sourceKey(null));
    }
}
