package energy.mdma.delivery.security;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Token bucket per key (party id, or source address for failed logins): {@code ratePerSecond} tokens refill
 * continuously up to {@code burst}; a request takes one.
 */
public class RateLimiter {

    private final double ratePerSecond;
    private final double burst;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        double tokens;
        long lastNanos;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.lastNanos = now;
        }
    }

    public RateLimiter(double ratePerSecond, int burst) {
        if (ratePerSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("rate must be > 0 and burst >= 1");
        }
        this.ratePerSecond = ratePerSecond;
        this.burst = burst;
    }

    /** @return 0 when allowed, else the seconds to wait before the next request would be allowed (>= 1) */
    public long tryAcquire(String key) {
        long now = System.nanoTime();
        Bucket b = buckets.computeIfAbsent(key, k -> new Bucket(burst, now));
        synchronized (b) {
            double elapsed = (now - b.lastNanos) / 1e9;
            b.tokens = Math.min(burst, b.tokens + elapsed * ratePerSecond);
            b.lastNanos = now;
            if (b.tokens >= 1) {
                b.tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - b.tokens) / ratePerSecond));
        }
    }
}
