package energy.mdma.ingest.kafka;

import energy.mdma.kafka.ReplaceFailedStreamThread;
import energy.mdma.kafka.ReplacedThreadMembers;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Optional;
import java.util.Properties;

/**
 * Runs the head-end topology ({@link HeadEndTopology}) as the Kafka Streams application {@value #APPLICATION_ID}:
 * exactly-once (each commit's output and consumed offsets in one transaction), one stream thread, started once the
 * master data is loaded (the checks need it). A failed stream thread is replaced within bounds
 * ({@link ReplaceFailedStreamThread}); past them the client stops and {@link #failure()} says why (liveness DOWN).
 * The application id is the consumer group the hand-built loop used before, so its committed offsets carry over.
 */
public final class HeadEndStreams implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(HeadEndStreams.class);
    /** The Streams application id: its consumer group and the prefix of its transactional ids (deploy/acls.csv). */
    public static final String APPLICATION_ID = "mdma-ingest-headend";

    private final Topology topology;
    private final Properties config;
    private final MasterDataStore masterData;
    private final HeadEndTopology.Counts counts;
    private final Thread starter;
    private volatile boolean running = true;
    /** Made when the master data is loaded: a client not started (head-end path off) opens no connections. */
    private volatile KafkaStreams streams;
    private volatile Throwable failure;

    public HeadEndStreams(Topology topology, Properties config, MasterDataStore masterData,
            HeadEndTopology.Counts counts) {
        this.topology = topology;
        this.config = config;
        this.masterData = masterData;
        this.counts = counts;
        this.starter = new Thread(this::awaitMasterDataThenStart, "mdma-ingest-headend-start");
        this.starter.setDaemon(true);
    }

    /**
     * The zstd level of ingest's producers: 1, not Kafka's default 3. On the interval blocks of a ./mdma bench run
     * (kafka-support TopicCompressionBenchmark on mdma.readings.intervals) level 3 cost 7.1 ms of CPU per MB of
     * records to produce and stored 59.1% of their bytes, level 1 3.1 ms/MB and 60.4%; reading costs the same (1.2
     * ms/MB). Level -1 would cost 2.4 ms/MB to produce and 0.6 to read, but store 64.5%: the readings are kept three
     * years.
     */
    public static final int ZSTD_LEVEL = 1;

    /**
     * The Streams configuration: {@code kafka} (bootstrap servers, the principal) plus exactly-once, one thread, the
     * batch size and compression of ingest's other producers (but Kafka Streams' linger, below) and the state directory
     * (unused: no stores, but Streams wants one).
     */
    public static Properties config(Properties kafka, String stateDir, String instanceId) {
        Properties p = new Properties();
        p.putAll(kafka);
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
        p.put(StreamsConfig.CLIENT_ID_CONFIG, APPLICATION_ID + "-" + instanceId);
        // static membership, as vee and edi: a restarted instance takes its partitions back at once (Streams sends no
        // LeaveGroup), and a replaced stream thread's member is removed from the group (ReplacedThreadMembers)
        p.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), APPLICATION_ID + "-" + instanceId);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        // one transaction per half second rather than the exactly-once default of 100 ms: a transaction costs the
        // broker a round of requests and markers on every partition it wrote; vee waits seconds of quiet anyway
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 500);
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), 500);
        // Kafka Streams' own linger (100 ms; it was 10 here, as vee's): a partition's batch goes when full or 100 ms
        // old, and each commit sends what waits; ./mdma bench default: this producer's I/O thread 4.2-5.6 -> 3.2-3.5
        // CPU s, fewer produce requests for the broker
        p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 100);
        p.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 256 * 1024);
        p.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "zstd");
        p.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_ZSTD_LEVEL_CONFIG), ZSTD_LEVEL);
        p.put(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG), 60_000);
        return p;
    }

    public HeadEndStreams start() {
        starter.start();
        return this;
    }

    private void awaitMasterDataThenStart() {
        try {
            while (running && !masterData.awaitReady(Duration.ofSeconds(1))) {
                // the checks need the master data
            }
            synchronized (this) {
                if (running) {
                    KafkaStreams s = new KafkaStreams(topology, config);
                    ReplaceFailedStreamThread replace = new ReplaceFailedStreamThread(
                            ReplacedThreadMembers.of(config, APPLICATION_ID));
                    s.setUncaughtExceptionHandler(e -> {
                        StreamThreadExceptionResponse response = replace.handle(e);
                        if (response == StreamThreadExceptionResponse.SHUTDOWN_CLIENT) {
                            failure = e;
                        }
                        return response;
                    });
                    streams = s;
                    s.start();
                    LOG.infof("head-end path running (Kafka Streams %s, exactly-once)", APPLICATION_ID);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure = e;
            LOG.error("head-end path could not start", e);
        }
    }

    /** True while it waits for the master data or runs; false once stopped by a failure (see {@link #failure()}). */
    public boolean alive() {
        if (failure != null) {
            return false;
        }
        KafkaStreams s = streams;
        if (s == null) {
            return starter.isAlive();
        }
        return s.state().isRunningOrRebalancing() || s.state() == KafkaStreams.State.CREATED;
    }

    /** Why the head-end path stopped, if it did. */
    public Optional<Throwable> failure() {
        KafkaStreams s = streams;
        if (failure == null && s != null && s.state() == KafkaStreams.State.ERROR) {
            return Optional.of(new IllegalStateException("the head-end Kafka Streams client (" + APPLICATION_ID
                    + ") is in state ERROR; see the errors logged before"));
        }
        return Optional.ofNullable(failure);
    }

    public long forwarded() {
        return counts.forwarded().get();
    }

    public long rejected() {
        return counts.rejected().get();
    }

    @Override
    public void close() {
        running = false;
        starter.interrupt();
        synchronized (this) {
            if (streams != null) {
                streams.close(Duration.ofSeconds(15));
            }
        }
    }
}
