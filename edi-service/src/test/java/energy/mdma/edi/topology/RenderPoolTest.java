package energy.mdma.edi.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** The render pool's per-run resources (a compressor's context): one thread each, all closed, results in order. */
class RenderPoolTest {

    /** A resource that remembers the threads that used it and whether it was closed. */
    static final class Resource implements AutoCloseable {
        final Set<Thread> users = ConcurrentHashMap.newKeySet();
        volatile boolean closed;

        int use(int item) {
            assertTrue(!closed, "used after it was closed");
            users.add(Thread.currentThread());
            return item * 2;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void eachRunHasItsOwnResourceUsedByOneThreadAndClosedAfter() {
        for (int size : new int[] {0, 1, 3, 4, 5, 97, 1000}) {
            Set<Resource> made = ConcurrentHashMap.newKeySet();
            List<Integer> items = IntStream.range(0, size).boxed().toList();
            List<Integer> out = RenderPool.map(items, () -> {
                Resource r = new Resource();
                made.add(r);
                return r;
            }, Resource::use);
            assertEquals(items.stream().map(i -> i * 2).toList(), out, size + " items");
            for (Resource r : made) {
                assertTrue(r.closed, size + " items: a resource left open");
                assertTrue(r.users.size() <= 1, size + " items: a resource used by " + r.users);
            }
        }
    }

    @Test
    void whatAnItemThrowsReachesTheCallerAndTheResourcesAreClosed() {
        Set<Resource> made = ConcurrentHashMap.newKeySet();
        List<Integer> items = IntStream.range(0, 200).boxed().toList();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RenderPool.map(items, () -> {
            Resource r = new Resource();
            made.add(r);
            return r;
        }, (r, item) -> {
            if (item == 150) {
                throw new IllegalArgumentException("item 150");
            }
            return r.use(item);
        }));
        assertEquals("item 150", e.getMessage());
        // the runs still going when the caller hears of it finish (or are cancelled) and close theirs
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (made.stream().anyMatch(r -> !r.closed) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertTrue(made.stream().allMatch(r -> r.closed), "a resource left open");
    }
}
