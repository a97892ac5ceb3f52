package energy.mdma.delivery.timeliness;

import energy.mdma.delivery.kafka.DeliveryAvro;
import energy.mdma.delivery.notice.NoticeStore;
import energy.mdma.events.CohortFigures;
import energy.mdma.events.DocumentPosted;
import energy.mdma.events.MeterEvent;
import energy.mdma.events.Notice;
import energy.mdma.events.ObligationMet;
import energy.mdma.events.ScheduledReadDate;
import energy.mdma.events.kafka.Topics;
import energy.mdma.timeliness.CohortKey;
import energy.mdma.timeliness.Evaluation;
import energy.mdma.timeliness.TimelinessService;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Feeds the {@link TimelinessService} from the records of the views' replayer (meters, schedules, posted
 * documents, its own outputs on mdma.timeliness and the notices) and publishes what it makes: ObligationMet to
 * mdma.timeliness (key {@code meterId:readDate}); on every tick the changed CohortFigures (key
 * {@link CohortKey#kafkaKey()} form) and the new notices (mdma.notices, key party, and into the notice view);
 * the gauges are refreshed on the tick.
 *
 * <p>While the log is replayed the ObligationMet events the service makes are held back: those already on
 * mdma.timeliness (it may be read after the documents) are dropped, the rest are published when the replay has
 * caught up - a restart does not publish them twice. Ticks start then, so replayed figures and notices are known
 * before anything is evaluated.
 */
public final class TimelinessFeed implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TimelinessFeed.class);

    /** The topics it reads besides those the views read anyway (mdma.edi.documents, mdma.notices). */
    public static final List<String> OWN_TOPICS = List.of(Topics.METERS, Topics.SCHEDULES, Topics.TIMELINESS);
    private static final Set<String> TOPICS = Set.of(Topics.METERS, Topics.SCHEDULES, Topics.TIMELINESS,
            Topics.EDI_DOCUMENTS, Topics.NOTICES);

    /** Where the events go: the log (Kafka) or nowhere (in-memory mode). */
    @FunctionalInterface
    public interface Publisher {
        void publish(String topic, String key, SpecificRecord value);
    }

    private final TimelinessService service;
    private final Publisher publisher;
    private final NoticeStore notices;
    private final TimelinessMetrics metrics;
    private final Duration tickEvery;
    private final int keepDays;
    /** Made during the replay, not seen on mdma.timeliness (yet); touched by the replayer thread only. */
    private final Map<String, ObligationMet> heldBack = new LinkedHashMap<>();
    private volatile boolean live;
    private volatile java.util.function.Consumer<Instant> afterTick = now -> { };
    private ScheduledExecutorService ticker;
    private LocalDate prunedOn;

    public TimelinessFeed(TimelinessService service, Publisher publisher, NoticeStore notices,
                          TimelinessMetrics metrics, Duration tickEvery, int keepDays) {
        this.service = service;
        this.publisher = publisher;
        this.notices = notices;
        this.metrics = metrics;
        this.tickEvery = tickEvery;
        this.keepDays = keepDays;
    }

    public TimelinessService service() {
        return service;
    }

    /** Applies one record of any topic the views read (others are ignored); on the replayer's thread. */
    public void handle(ConsumerRecord<String, Object> r) {
        if (!TOPICS.contains(r.topic())) {
            return;
        }
        Object v = r.value();
        switch (r.topic()) {
            case Topics.METERS -> {
                if (v == null) {
                    service.removeMeter(r.key());
                } else if (v instanceof MeterEvent m) {
                    met(service.apply(m));
                }
            }
            case Topics.SCHEDULES -> {
                if (v == null) {
                    removeReadDate(r.key());
                } else if (v instanceof ScheduledReadDate s) {
                    met(service.apply(s));
                }
            }
            case Topics.EDI_DOCUMENTS -> {
                if (v instanceof DocumentPosted d) {
                    met(service.apply(d));
                }
            }
            case Topics.TIMELINESS -> {
                if (v instanceof ObligationMet o) {
                    service.apply(o);
                    ObligationMet held = heldBack.get(key(o));
                    if (held != null && !held.getMetAt().isBefore(o.getMetAt())) {
                        heldBack.remove(key(o));
                    }
                } else if (v instanceof CohortFigures f) {
                    service.apply(f);
                }
            }
            default -> {
                if (v instanceof Notice n) {
                    service.apply(n);
                }
            }
        }
    }

    /** The replay has caught up: publishes what was held back and starts ticking. */
    public synchronized void goLive() {
        if (live) {
            return;
        }
        if (!heldBack.isEmpty()) {
            LOG.infof("publishing %d obligation(s) met while the log was replayed", heldBack.size());
            heldBack.values().forEach(this::publish);
            heldBack.clear();
        }
        live = true;
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mdma-timeliness-tick");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleWithFixedDelay(this::safeTick, 0, tickEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Runs after every tick, on the ticking thread (the exceptions of data missing past deadline 1). */
    public void afterTick(java.util.function.Consumer<Instant> action) {
        this.afterTick = action;
    }

    public boolean isLive() {
        return live;
    }

    /** One evaluation now: figures and notices published, notices into the view, gauges refreshed. */
    public synchronized Evaluation tick() {
        Instant now = service.clock().instant();
        LocalDate today = now.atZone(service.config().zone()).toLocalDate();
        if (!today.equals(prunedOn)) {
            service.prune(today.minusDays(keepDays));
            prunedOn = today;
        }
        Evaluation e = service.tick(now);
        for (CohortFigures f : e.figures()) {
            publisher.publish(Topics.TIMELINESS, figuresKey(f), f);
        }
        for (Notice n : e.notices()) {
            publisher.publish(Topics.NOTICES, n.getPartyId(), n);
            notices.apply(DeliveryAvro.fromAvro(n));
        }
        metrics.refresh(service.gauges(now));
        afterTick.accept(now);
        if (!e.isEmpty()) {
            LOG.debugf("timeliness tick: %d figure(s), %d notice(s)", e.figures().size(), e.notices().size());
        }
        return e;
    }

    private void safeTick() {
        try {
            tick();
        } catch (RuntimeException e) {
            LOG.errorf(e, "timeliness tick failed; next in %s", tickEvery);
        }
    }

    private void met(List<ObligationMet> met) {
        for (ObligationMet o : met) {
            if (live) {
                publish(o);
            } else {
                heldBack.put(key(o), o);
            }
        }
    }

    private void publish(ObligationMet o) {
        publisher.publish(Topics.TIMELINESS, key(o), o);
    }

    private void removeReadDate(String key) {
        int colon = key == null ? -1 : key.lastIndexOf(':');
        if (colon <= 0) {
            return;
        }
        try {
            service.removeReadDate(key.substring(0, colon), LocalDate.parse(key.substring(colon + 1)));
        } catch (java.time.format.DateTimeParseException e) {
            LOG.warnf("mdma.schedules: tombstone with a key that is not cycle:date; ignored");
        }
    }

    static String key(ObligationMet o) {
        return o.getMeterId() + ":" + o.getReadDate();
    }

    static String figuresKey(CohortFigures f) {
        return new CohortKey(f.getDataType(), f.getUdcId(), f.getEspId(), f.getReadDate()).kafkaKey();
    }

    @Override
    public synchronized void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
    }
}
