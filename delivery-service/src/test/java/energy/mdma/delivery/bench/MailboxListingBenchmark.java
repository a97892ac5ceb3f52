package energy.mdma.delivery.bench;

import energy.mdma.delivery.TestClock;
import energy.mdma.delivery.mailbox.DocumentKind;
import energy.mdma.delivery.mailbox.FileContentStore;
import energy.mdma.delivery.mailbox.InMemoryMailboxStore;
import energy.mdma.delivery.mailbox.MailboxEventSink;
import energy.mdma.delivery.mailbox.MailboxFile;
import energy.mdma.delivery.mailbox.MailboxPage;
import energy.mdma.events.Sha256;
import energy.mdma.delivery.mailbox.StatusFilter;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

import java.util.Optional;

/**
 * Not a test: fills an {@link InMemoryMailboxStore} with three years of files (default 20 a day for 1,170
 * days for the UDC, plus 5 a day for each of 20 other parties), all acknowledged except the last day's, and
 * measures the latency of listing one day's files (since = start of day, status all), of listing the new files,
 * and of looking up a file by id.
 *
 * <p>Run: {@code java -cp delivery-service/target/classes:delivery-service/target/test-classes
 *     energy.mdma.delivery.bench.MailboxListingBenchmark
 * [filesPerDay] [days] [otherParties] [iterations]}
 */
public final class MailboxListingBenchmark {

    /** Keeps only the hash (the benchmark measures the index, not the disk). */
    static final class HashOnlyContent implements FileContentStore {
        @Override
        public String put(byte[] content) {
            return Sha256.hex(content);
        }

        @Override
        public String putZstdFrames(byte[] frames, String sha256) {
            return sha256;
        }

        @Override
        public boolean contains(String sha256) {
            return false;
        }

        @Override
        public Optional<java.io.InputStream> open(String sha256) {
            return Optional.empty();
        }

        @Override
        public Optional<byte[]> read(String sha256) {
            return Optional.empty();
        }
    }

    public static void main(String[] args) {
        int perDay = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int days = args.length > 1 ? Integer.parseInt(args[1]) : 1170;
        int others = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int iterations = args.length > 3 ? Integer.parseInt(args[3]) : 20_000;

        TestClock clock = new TestClock(Instant.EPOCH);
        InMemoryMailboxStore store = new InMemoryMailboxStore(new HashOnlyContent(), MailboxEventSink.NONE, clock);
        Instant start = Instant.parse("2023-01-01T00:00:00Z");
        long t0 = System.nanoTime();
        String udc = "UDC";
        long total = 0;
        Instant lastDay = start.plus(Duration.ofDays(days - 1));
        String[] someIds = new String[1000];
        int idx = 0;
        for (int d = 0; d < days; d++) {
            Instant day = start.plus(Duration.ofDays(d));
            for (int i = 0; i < perDay; i++) {
                // five retrievals a day: files posted across the working day
                clock.set(day.plusSeconds(6 * 3600 + (long) i * (12 * 3600 / perDay)));
                MailboxFile f = store.post(udc, "MDMA_867_UDC_" + d + "_" + i + ".x12", i == perDay - 1 ? DocumentKind.SUMMARY : DocumentKind.EDI_867,
                        ("d" + d + "i" + i).getBytes(StandardCharsets.UTF_8));
                if (d < days - 1) {
                    store.ack(udc, f.id(), udc);
                }
                if (idx < someIds.length && (d * perDay + i) % 23 == 0) {
                    someIds[idx++] = f.id();
                }
                total++;
            }
            for (int p = 0; p < others; p++) {
                for (int i = 0; i < 5; i++) {
                    clock.set(day.plusSeconds(7 * 3600 + p * 60L + i * 7200L));
                    MailboxFile f = store.post("ESP" + p, "MDMA_867_ESP" + p + "_" + d + "_" + i + ".x12", DocumentKind.EDI_867,
                            ("p" + p + "d" + d + "i" + i).getBytes(StandardCharsets.UTF_8));
                    if (d < days - 1) {
                        store.ack("ESP" + p, f.id(), "ESP" + p);
                    }
                    total++;
                }
            }
        }
        long fillMillis = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("filled %,d files (%,d in the UDC mailbox over %d days, %d other parties) in %,d ms%n",
                total, (long) perDay * days, days, others, fillMillis);

        Instant[] dayStarts = new Instant[days];
        for (int d = 0; d < days; d++) {
            dayStarts[d] = start.plus(Duration.ofDays(d));
        }
        // listing one day's files: since = start of a (random) day, all statuses, up to the end of that day
        long[] dayLat = measure(iterations, i -> {
            int d = (int) ((i * 7919L) % days);
            MailboxPage page = store.list(udc, StatusFilter.ALL, dayStarts[d], perDay, null);
            return page.items().size();
        });
        long[] lastDayLat = measure(iterations, i -> store.list(udc, StatusFilter.ALL, lastDay, 1000, null).items().size());
        long[] newLat = measure(iterations, i -> store.list(udc, StatusFilter.NEW, null, 1000, null).items().size());
        final int n = idx;
        long[] getLat = measure(iterations, i -> store.get(udc, someIds[i % n]).isPresent() ? 1 : 0);
        int newCount = store.list(udc, StatusFilter.NEW, null, 1000, null).items().size();

        report("list one day (since=day start, status=all, limit=" + perDay + ")", dayLat);
        report("list the last day (since=day start, status=all, limit=1000)", lastDayLat);
        report("list new files (status=new, " + newCount + " items)", newLat);
        report("get file by id", getLat);
    }

    interface Op {
        int run(int i);
    }

    static long[] measure(int iterations, Op op) {
        long sink = 0;
        for (int i = 0; i < Math.min(iterations, 5_000); i++) {
            sink += op.run(i);
        }
        long[] lat = new long[iterations];
        for (int i = 0; i < iterations; i++) {
            long s = System.nanoTime();
            sink += op.run(i);
            lat[i] = System.nanoTime() - s;
        }
        if (sink == 42) {
            System.out.print("");
        }
        Arrays.sort(lat);
        return lat;
    }

    static void report(String what, long[] sorted) {
        System.out.printf("%-62s p50 %8.1f us   p99 %8.1f us   max %9.1f us   (n=%d)%n", what,
                sorted[sorted.length / 2] / 1000.0, sorted[(int) (sorted.length * 0.99)] / 1000.0,
                sorted[sorted.length - 1] / 1000.0, sorted.length);
    }

    private MailboxListingBenchmark() {
    }

}
