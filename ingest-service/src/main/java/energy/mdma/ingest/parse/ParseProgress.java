package energy.mdma.ingest.parse;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters updated while a file is parsed; safe to read from another thread at any time (e.g. to show
 * progress of a large upload). Create one per parse and pass it to
 * {@link IngestParser#parse(FileLayout, java.io.InputStream, IngestSink, ParseProgress)}.
 */
public final class ParseProgress {
    private final AtomicLong rowsRead = new AtomicLong();
    private final AtomicLong rowsAccepted = new AtomicLong();
    private final AtomicLong rowsRejected = new AtomicLong();
    private final AtomicLong bytesRead = new AtomicLong();

    public long rowsRead() {
        return rowsRead.get();
    }

    public long rowsAccepted() {
        return rowsAccepted.get();
    }

    public long rowsRejected() {
        return rowsRejected.get();
    }

    /** Bytes decoded so far. */
    public long bytesRead() {
        return bytesRead.get();
    }

    void update(long read, long accepted, long rejected, long bytes) {
        rowsRead.lazySet(read);
        rowsAccepted.lazySet(accepted);
        rowsRejected.lazySet(rejected);
        bytesRead.lazySet(bytes);
    }

    @Override
    public String toString() {
        return "rows read " + rowsRead() + ", accepted " + rowsAccepted() + ", rejected " + rowsRejected();
    }
}
