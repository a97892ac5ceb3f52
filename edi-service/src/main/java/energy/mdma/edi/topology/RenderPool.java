package energy.mdma.edi.topology;

import energy.mdma.edi.model.Interchange867;
import energy.mdma.edi.x12.Edi867ValidationException;
import energy.mdma.edi.x12.Edi867Writer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Renders and validates 867 interchanges on all cores: StAEDI's validating writer is what an account-period
 * costs in this service, and the files of one posting round are independent of each other. The caller (the
 * stream thread) assigns control numbers before and applies the outcomes after, in file order, so that what
 * reaches the stores and the log does not depend on the threads.
 */
final class RenderPool {
    /** Bytes of a valid interchange, or why it was refused. */
    record Rendered(byte[] bytes, Edi867ValidationException failure) {
    }

    private static final int THREADS = Math.max(1, Integer.getInteger("mdma.edi.render-threads",
            Runtime.getRuntime().availableProcessors()));
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

    /** The outcome of every interchange, in the order given; one file alone is rendered on the calling thread. */
    static List<Rendered> renderAll(Edi867Writer writer, List<Interchange867> interchanges) {
        if (interchanges.size() <= 1 || THREADS == 1) {
            return interchanges.stream().map(ic -> render(writer, ic)).toList();
        }
        List<Future<Rendered>> futures = new ArrayList<>(interchanges.size());
        for (Interchange867 ic : interchanges) {
            futures.add(POOL.submit(() -> render(writer, ic)));
        }
        List<Rendered> out = new ArrayList<>(interchanges.size());
        for (Future<Rendered> f : futures) {
            try {
                out.add(f.get());
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

    private static Rendered render(Edi867Writer writer, Interchange867 ic) {
        try {
            return new Rendered(writer.render(ic), null);
        } catch (Edi867ValidationException e) {
            return new Rendered(null, e);
        }
    }
}
