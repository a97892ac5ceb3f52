package energy.mdma.ingest.kafka;

import energy.mdma.events.IntervalBlock;
import energy.mdma.events.RegisterReading;
import energy.mdma.events.RejectedReading;
import energy.mdma.events.Source;
import energy.mdma.events.SourceType;
import energy.mdma.events.kafka.Topics;
import energy.mdma.ingest.parse.HeadEndChecks;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The head-end path (input-formats.md section 3): consumes {@code mdma.headend.readings} (IntervalBlock and
 * RegisterReading through the registry), applies the same checks as the file parsers ({@link HeadEndChecks}),
 * forwards what passes to mdma.readings.intervals / mdma.readings.registers (key meterId:channel, values at scale 6)
 * and publishes what fails to mdma.readings.rejected as a RejectedReading with the reason. Exactly once: each poll's
 * output and the consumed offsets are committed in one transaction (consume-transform-produce); on failure the
 * transaction is aborted and the batch is read again. Starts once the master data is loaded.
 */
public final class HeadEndProcessor implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(HeadEndProcessor.class);

    private final Properties consumerProps;
    private final Properties producerProps;
    private final Deserializer<Object> values;
    private final Supplier<Serializer<Object>> serializer;
    private final MasterDataStore masterData;
    private final HeadEndChecks checks;
    private final Clock clock;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile Throwable failure;
    private final AtomicLong forwarded = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();

    public HeadEndProcessor(Properties consumerProps, Properties producerProps, Deserializer<Object> values,
            Supplier<Serializer<Object>> serializer, MasterDataStore masterData, Clock clock) {
        this.consumerProps = consumerProps;
        this.producerProps = producerProps;
        this.values = values;
        this.serializer = serializer;
        this.masterData = masterData;
        this.checks = new HeadEndChecks(masterData, clock);
        this.clock = clock;
        this.thread = new Thread(this::run, "mdma-ingest-headend");
        this.thread.setDaemon(true);
    }

    public HeadEndProcessor start() {
        thread.start();
        return this;
    }

    public boolean alive() {
        return thread.isAlive() && failure == null;
    }

    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    public long forwarded() {
        return forwarded.get();
    }

    public long rejected() {
        return rejected.get();
    }

    private void run() {
        try {
            while (running && !masterData.awaitReady(Duration.ofSeconds(1))) {
                // the checks need the master data
            }
            if (!running) {
                return;
            }
            Properties c = new Properties();
            c.putAll(consumerProps);
            c.put("key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
            c.put("value.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
            c.put("isolation.level", "read_committed");
            c.put("enable.auto.commit", "false");
            c.putIfAbsent("auto.offset.reset", "earliest");
            c.putIfAbsent("max.poll.records", "500");
            Properties p = new Properties();
            p.putAll(producerProps);
            p.put("enable.idempotence", "true");
            p.put("acks", "all");
            try (KafkaConsumer<String, byte[]> cons = new KafkaConsumer<>(c);
                 KafkaProducer<String, Object> prod = new KafkaProducer<>(p, new StringSerializer(), serializer.get())) {
                consumer = cons;
                prod.initTransactions();
                cons.subscribe(List.of(Topics.HEADEND_READINGS));
                while (running) {
                    ConsumerRecords<String, byte[]> records = cons.poll(Duration.ofMillis(500));
                    if (records.isEmpty()) {
                        continue;
                    }
                    process(cons, prod, records);
                }
            }
        } catch (WakeupException | InterruptedException e) {
            // closing
        } catch (Throwable t) {
            failure = t;
            LOG.error("head-end processor stopped", t);
        }
    }

    private void process(KafkaConsumer<String, byte[]> cons, KafkaProducer<String, Object> prod,
            ConsumerRecords<String, byte[]> records) {
        long ok = 0;
        long bad = 0;
        prod.beginTransaction();
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            for (ConsumerRecord<String, byte[]> r : records) {
                ProducerRecord<String, Object> out = transform(r);
                prod.send(out);
                if (out.topic().equals(Topics.READINGS_REJECTED)) {
                    bad++;
                } else {
                    ok++;
                }
                offsets.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
            }
            prod.sendOffsetsToTransaction(offsets, cons.groupMetadata());
            prod.commitTransaction();
            forwarded.addAndGet(ok);
            rejected.addAndGet(bad);
        } catch (KafkaException e) {
            LOG.warn("head-end batch failed, aborting and reading it again: " + e);
            try {
                prod.abortTransaction();
            } catch (KafkaException fatal) {
                throw fatal; // fenced or fatal: stop (the service reports not alive)
            }
            rewind(cons, records);
        }
    }

    private static void rewind(KafkaConsumer<String, byte[]> cons, ConsumerRecords<String, byte[]> records) {
        for (TopicPartition tp : records.partitions()) {
            List<ConsumerRecord<String, byte[]>> rs = records.records(tp);
            if (!rs.isEmpty()) {
                cons.seek(tp, rs.get(0).offset());
            }
        }
    }

    /** The record to publish for one head-end record: the forwarded reading or a RejectedReading. */
    ProducerRecord<String, Object> transform(ConsumerRecord<String, byte[]> r) {
        Object v;
        try {
            v = r.value() == null ? null : values.deserialize(r.topic(), r.headers(), r.value());
        } catch (RuntimeException e) {
            return reject(null, null, "the record cannot be read as an IntervalBlock or RegisterReading of the"
                    + " registry: " + e.getMessage(), null, r, encoded(r));
        }
        if (v instanceof IntervalBlock b) {
            String reason = checkBlock(b);
            if (reason != null) {
                return reject(b.getMeterId(), b.getChannel(), reason, b.getSource(), r, b.toString());
            }
            IntervalBlock out = normalize(b);
            if (out == null) {
                return reject(b.getMeterId(), b.getChannel(), "valueScale " + b.getValueScale() + ": values must fit"
                        + " 6 decimals and a long at scale 6", b.getSource(), r, b.toString());
            }
            return new ProducerRecord<>(Topics.INTERVALS, Topics.channelKey(b.getMeterId(), b.getChannel()), out);
        }
        if (v instanceof RegisterReading g) {
            Optional<String> reason = checks.checkRegister(g.getMeterId(), g.getChannel(),
                    g.getReadTime().toEpochMilli(), g.getReading());
            if (reason.isPresent()) {
                return reject(g.getMeterId(), g.getChannel(), reason.get(), g.getSource(), r, g.toString());
            }
            return new ProducerRecord<>(Topics.REGISTERS, Topics.channelKey(g.getMeterId(), g.getChannel()), g);
        }
        return reject(null, null, v == null ? "empty record (no value)"
                : "unexpected event type " + v.getClass().getSimpleName() + "; head-ends publish IntervalBlock or"
                + " RegisterReading", null, r, v == null ? "null" : v.toString());
    }

    private String checkBlock(IntervalBlock b) {
        int n = b.getValues().size();
        if (b.getStatuses().size() != n) {
            return "the block has " + n + " values but " + b.getStatuses().size() + " status sets; give one per value";
        }
        for (Integer s : b.getStatuses()) {
            if (s == null || s < 0 || s > 15) {
                return "status " + s + " is not a set of PO=1, OV=2, TM=4, CS=8";
            }
        }
        return checks.checkIntervals(b.getMeterId(), b.getChannel(), b.getIntervalMinutes(),
                b.getFirstIntervalEnd().toEpochMilli(), n).orElse(null);
    }

    /** The block with values at scale 6, or null if that is not exact. */
    static IntervalBlock normalize(IntervalBlock b) {
        int scale = b.getValueScale();
        if (scale == EventMapper.VALUE_SCALE) {
            return b;
        }
        if (scale < 0 || scale > 18) {
            return null;
        }
        List<Long> out = new ArrayList<>(b.getValues().size());
        try {
            for (Long v : b.getValues()) {
                java.math.BigDecimal d = java.math.BigDecimal.valueOf(v, scale).setScale(EventMapper.VALUE_SCALE);
                out.add(d.unscaledValue().longValueExact());
            }
        } catch (ArithmeticException e) {
            return null;
        }
        // the all-fields constructor, not newBuilder(b): that deep-copies through SpecificData.get(), which may
        // resolve the generated classes in another class loader (Quarkus test mode)
        return new IntervalBlock(b.getMeterId(), b.getChannel(), b.getIntervalMinutes(), b.getFirstIntervalEnd(),
                EventMapper.VALUE_SCALE, out, b.getStatuses(), b.getSource(), b.getHeadEndId(), b.getHeadEndSequence());
    }

    private ProducerRecord<String, Object> reject(String meterId, Integer channel, String reason, Source source,
            ConsumerRecord<String, byte[]> r, String json) {
        Source s = source != null ? source
                : new Source(SourceType.HEADEND, r.key() == null ? "unknown" : r.key(), r.offset(),
                        Instant.ofEpochMilli(r.timestamp()));
        RejectedReading rr = new RejectedReading(meterId, channel, reason, s, clock.instant(), json);
        String key = meterId == null ? r.key() : Topics.channelKey(meterId, channel == null ? 0 : channel);
        return new ProducerRecord<>(Topics.READINGS_REJECTED, key, rr);
    }

    private static String encoded(ConsumerRecord<String, byte[]> r) {
        return "{\"undecodedBase64\":\"" + (r.value() == null ? "" : Base64.getEncoder().encodeToString(r.value()))
                + "\"}";
    }

    @Override
    public void close() {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        try {
            thread.join(15_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
