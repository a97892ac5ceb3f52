package energy.mdma.delivery.archive;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The archive's ISA13 counter per receiver, above a base so that it never meets edi-service's numbers (which
 * count from 1). Its state is the highest number seen in the ARCHIVE_ISSUED events, so it is rebuilt by replay.
 */
public class ControlNumbers {

    /** Durably records that {@code number} was issued to {@code party} (before the document is handed out). */
    @FunctionalInterface
    public interface IssueLog {
        void issued(String party, long number, String fileName);

        IssueLog NONE = (party, number, fileName) -> {
        };
    }

    private final long base;
    private final Map<String, Long> last = new ConcurrentHashMap<>();

    public ControlNumbers(long base) {
        this.base = base;
    }

    /** A number issued earlier (from the log). */
    public void observe(String party, long number) {
        last.merge(party, number, Math::max);
    }

    /** The next number for {@code party}, recorded in {@code log} before it is returned. */
    public synchronized long next(String party, IssueLog log, java.util.function.LongFunction<String> fileName) {
        long n = Math.max(base, last.getOrDefault(party, base)) + 1;
        if (n > 999_999_999L) {
            throw new IllegalStateException("archive control numbers to " + party + " are exhausted");
        }
        log.issued(party, n, fileName.apply(n));
        observe(party, n);
        return n;
    }
}
