package energy.mdma.edi.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Renders and checks 867 transaction sets and files on all cores: they are independent of each other within a
 * posting round. The caller (the stream thread) plans before (report ids, control numbers) and applies the outcomes
 * after, in order, so that what reaches the stores and the log does not depend on the threads.
 */
final class RenderPool {
    private static final int THREADS = Math.max(1, Integer.getInteger("mdma.edi.render-threads",
            Runtime.getRuntime().availableProcessors()));
    /** Below this many items the calling thread does the work (a hand-off costs more than it saves). */
    private static final int PARALLEL_FROM = 4;
    private static final ExecutorService POOL = Executors.newFixedThreadPool(THREADS, new java.util.concurrent.ThreadFactory() {
        private final AtomicInteger n = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "edi-render-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    });

    private RenderPool() {
    }

    /** {@code fn} applied to every item, results in the order given; fn must not throw for an item it can report. */
    static <T, R> List<R> map(List<T> items, Function<T, R> fn) {
        return map(items, () -> NOTHING, (nothing, item) -> fn.apply(item));
    }

    /** A resource that holds nothing. */
    private static final AutoCloseable NOTHING = () -> {
    };

    /**
     * {@code fn} applied to every item with a resource of the thread's run of items ({@code perRun}: made for each
     * run, used by one thread, closed after it; e.g. a compressor's context), results in the order given; fn must not
     * throw for an item it can report.
     */
    static <C extends AutoCloseable, T, R> List<R> map(List<T> items, Supplier<C> perRun, BiFunction<C, T, R> fn) {
        if (items.size() < PARALLEL_FROM || THREADS == 1) {
            return run(items, 0, items.size(), perRun, fn);
        }
        // contiguous chunks, a few per thread: little hand-off, balanced enough
        int chunks = Math.min(items.size(), THREADS * 4);
        List<Future<List<R>>> futures = new ArrayList<>(chunks);
        for (int c = 0; c < chunks; c++) {
            int from = (int) ((long) items.size() * c / chunks);
            int to = (int) ((long) items.size() * (c + 1) / chunks);
            futures.add(POOL.submit(() -> run(items, from, to, perRun, fn)));
        }
        List<R> out = new ArrayList<>(items.size());
        for (Future<List<R>> f : futures) {
            try {
                out.addAll(f.get());
            } catch (InterruptedException e) {
                futures.forEach(x -> x.cancel(true));
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while rendering 867 files", e);
            } catch (ExecutionException e) {
                futures.forEach(x -> x.cancel(true));
                throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
            }
        }
        return out;
    }

    private static <C extends AutoCloseable, T, R> List<R> run(List<T> items, int from, int to, Supplier<C> perRun,
                                                               BiFunction<C, T, R> fn) {
        List<R> part = new ArrayList<>(to - from);
        try (C resource = perRun.get()) {
            for (int i = from; i < to; i++) {
                part.add(fn.apply(resource, items.get(i)));
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("closing a resource of the 867 render pool: " + e.getMessage(), e);
        }
        return part;
    }
}
