package energy.mdma.bench;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Publishes the bench's blocks to one topic on its own thread, generating each block as it goes (the producer's
 * buffer bounds the memory): the historical burst meter after meter, or with {@code daily} every meter's day 1,
 * then day 2, ..., optionally {@code paceSeconds} apart. Records when the first block was handed to the producer.
 */
final class BlockPublisher implements Runnable {
    private final BenchData data;
    private final byte[] header;
    private final String topic;
    private final Properties producerProps;
    private final boolean daily;
    private final double paceSeconds;
    private final long receivedAt = System.currentTimeMillis();

    final AtomicLong blocks = new AtomicLong();
    final AtomicLong reads = new AtomicLong();
    volatile long firstSentMillis;
    volatile long doneMillis;
    volatile boolean done;
    final AtomicReference<Throwable> failure = new AtomicReference<>();

    BlockPublisher(BenchData data, byte[] header, String topic, Properties producerProps, boolean daily,
                   double paceSeconds) {
        this.data = data;
        this.header = header;
        this.topic = topic;
        this.producerProps = producerProps;
        this.daily = daily;
        this.paceSeconds = paceSeconds;
    }

    Thread start(String name) {
        Thread t = new Thread(this, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Override
    public void run() {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            long total = data.blocks();
            int lastDay = -1;
            long nextDayAt = 0;
            for (long i = 0; i < total; i++) {
                int[] md = data.blockAt(i, daily);
                int m = md[0];
                int d = md[1];
                if (daily && d != lastDay) {
                    if (lastDay >= 0 && paceSeconds > 0) {
                        producer.flush();
                        long wait = nextDayAt - System.nanoTime();
                        if (wait > 0) {
                            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                        }
                    }
                    nextDayAt = System.nanoTime() + (long) (paceSeconds * 1e9);
                    lastDay = d;
                }
                byte[] value = data.block(header, m, d, i, receivedAt);
                if (i == 0) {
                    firstSentMillis = System.currentTimeMillis();
                }
                producer.send(new ProducerRecord<>(topic, data.key(m), value), (md2, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                });
                blocks.incrementAndGet();
                reads.addAndGet(data.intervalsOfDay(d));
                if (failure.get() != null) {
                    return;
                }
            }
            producer.flush();
            doneMillis = System.currentTimeMillis();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure.compareAndSet(null, e);
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
        } finally {
            done = true;
        }
    }
}
