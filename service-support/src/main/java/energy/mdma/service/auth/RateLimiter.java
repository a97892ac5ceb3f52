package energy.mdma.service.auth;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Token bucket per key (a party id, or a source address): {@code ratePerSecond} tokens refill continuously up to
 * {@code burst}; a request takes one. Time comes from the given clock (tests move it).
 *
 * <p>Bounded: at most {@code maxKeys} buckets are held. A full bucket is the same as none, so when the map is full
 * the idle (refilled) buckets are dropped; if every bucket is busy, a new key is refused (fail closed) rather than
 * held. IPv6 sources count per /64 ({@link #sourceKey}), the block one subscriber gets.
 */
public final class RateLimiter {

    /**
     * @param allowed           whether the request may go on
     * @param retryAfterSeconds when refused: seconds until the next request would be allowed (>= 1)
     * @param firstRefusal      when refused: the first refusal since this key's last allowed request (audit it once)
     */
    public record Decision(boolean allowed, long retryAfterSeconds, boolean firstRefusal) {
        public static final Decision ALLOWED = new Decision(true, 0, false);
    }

    private static final class Bucket {
        double tokens;
        long lastNanos;
        boolean refusing;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.lastNanos = now;
        }
    }

    private final double ratePerSecond;
    private final double burst;
    private final int maxKeys;
    private final Clock clock;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private volatile long lastSweep = Long.MIN_VALUE;

    public RateLimiter(double ratePerSecond, int burst, int maxKeys, Clock clock) {
        if (ratePerSecond <= 0 || burst < 1 || maxKeys < 1) {
            throw new IllegalArgumentException("rate must be > 0, burst >= 1 and maxKeys >= 1");
        }
        this.ratePerSecond = ratePerSecond;
        this.burst = burst;
        this.maxKeys = maxKeys;
        this.clock = Objects.requireNonNull(clock);
    }

    public RateLimiter(double ratePerSecond, int burst) {
        this(ratePerSecond, burst, 100_000, Clock.systemUTC());
    }

    /** @return 0 when allowed, else the seconds to wait before the next request would be allowed (>= 1) */
    public long tryAcquire(String key) {
        Decision d = acquire(key);
        return d.allowed() ? 0 : d.retryAfterSeconds();
    }

    public Decision acquire(String key) {
        long now = nanos(clock.instant());
        Bucket b = buckets.get(key);
        if (b == null) {
            if (buckets.size() >= maxKeys && !sweep(now)) {
                return new Decision(false, 1, false);
            }
            b = buckets.computeIfAbsent(key, k -> new Bucket(burst, now));
        }
        synchronized (b) {
            refill(b, now);
            if (b.tokens >= 1) {
                b.tokens -= 1;
                b.refusing = false;
                return Decision.ALLOWED;
            }
            boolean first = !b.refusing;
            b.refusing = true;
            return new Decision(false, Math.max(1, (long) Math.ceil((1 - b.tokens) / ratePerSecond)), first);
        }
    }

    /** Buckets held now (for tests and metrics). */
    public int size() {
        return buckets.size();
    }

    private void refill(Bucket b, long now) {
        double elapsed = Math.max(0, now - b.lastNanos) / 1e9;
        b.tokens = Math.min(burst, b.tokens + elapsed * ratePerSecond);
        b.lastNanos = Math.max(b.lastNanos, now);
    }

    /** Drops the refilled buckets (at most once a second); true when there is room afterwards. */
    private synchronized boolean sweep(long now) {
        if (buckets.size() < maxKeys) {
            return true;
        }
        if (lastSweep != Long.MIN_VALUE && now - lastSweep < 1_000_000_000L) {
            return false;
        }
        lastSweep = now;
        buckets.entrySet().removeIf(e -> {
            Bucket b = e.getValue();
            synchronized (b) {
                refill(b, now);
                return b.tokens >= burst;
            }
        });
        return buckets.size() < maxKeys;
    }

    private static long nanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    /**
     * The rate limit key of a source address: an IPv4 address as it is, an IPv6 address by its /64 prefix (an
     * IPv4-mapped one as the IPv4 address). Anything that is not an address literal is used as it is, capped.
     */
    public static String sourceKey(String address) {
        if (address == null || address.isEmpty()) {
            return "ip:unknown";
        }
        if (address.indexOf(':') < 0) {
            return "ip:" + (address.length() > 64 ? address.substring(0, 64) : address);
        }
        try {
            String literal = address.startsWith("[") && address.endsWith("]")
                    ? address.substring(1, address.length() - 1) : address;
            int zone = literal.indexOf('%');
            if (zone >= 0) {
                literal = literal.substring(0, zone);
            }
            byte[] a = InetAddress.getByName(literal).getAddress();
            if (a.length == 4) {
                return "ip:" + InetAddress.getByAddress(a).getHostAddress();
            }
            return "ip6:" + HexFormat.of().formatHex(a, 0, 8) + "::/64";
        } catch (UnknownHostException | RuntimeException e) {
            return "ip:" + (address.length() > 64 ? address.substring(0, 64) : address);
        }
    }
}
