package energy.mdma.timeliness;

import energy.mdma.events.CohortFigures;
import energy.mdma.events.CohortStatus;
import energy.mdma.events.DataType;
import energy.mdma.events.DocumentPosted;
import energy.mdma.events.MailboxFileKind;
import energy.mdma.events.MeterEvent;
import energy.mdma.events.Notice;
import energy.mdma.events.NoticeKind;
import energy.mdma.events.ObligationMet;
import energy.mdma.events.ReportPurpose;
import energy.mdma.events.ReportRef;
import energy.mdma.events.ScheduledReadDate;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The timeliness state, rebuilt from events (timeliness.md).
 *
 * <p>Inputs: meters ({@link MeterEvent}, mdma.meters), the read schedule ({@link ScheduledReadDate},
 * mdma.schedules) and the documents posted ({@link DocumentPosted}, mdma.edi.documents). Every scheduled
 * read date R of a meter's cycle except the cycle's first creates an obligation (meter, R). It is met
 * at the {@code createdAt} of the earliest EDI_867 {@code DocumentPosted} to the meter's UDC holding an
 * ORIGINAL report of the meter's service account with {@code periodEnd == R} (and, when the report names
 * meterIds, naming the meter). Earliest by posting time, not by arrival, so a correction (a later
 * original) never moves it and the result does not depend on the order events are applied in.
 *
 * <p>Outputs: {@link ObligationMet} when an obligation is first met (returned by the {@code apply}
 * methods), and from {@link #evaluate(Instant)} the {@link CohortFigures} that changed and the new
 * {@link Notice}s. Its own outputs can be applied back ({@link #apply(ObligationMet)},
 * {@link #apply(CohortFigures)}, {@link #apply(Notice)}) so that a restart that replays them emits
 * nothing twice.
 *
 * <p>Not thread-safe: {@link TimelinessService} guards it.
 */
public final class TimelinessState {

    /** Prefix of the ids of the notices this state makes. */
    public static final String NOTICE_ID_PREFIX = "timeliness:";

    private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm zzz", Locale.US);

    private record MeterInfo(String meterId, String account, String udc, String esp, String cycle, DataType type) {
    }

    /** Keys hashed with a mix: ids and dates that both count up collide a lot under the default record hash. */
    private static int mix(int a, long b) {
        long h = a * 0x9E3779B97F4A7C15L + b * 0xC2B2AE3D27D4EB4FL;
        h ^= h >>> 29;
        return (int) (h ^ (h >>> 32));
    }

    private record PostingKey(String udc, String account, LocalDate periodEnd) {
        @Override
        public int hashCode() {
            return mix(account.hashCode() * 31 + udc.hashCode(), periodEnd.toEpochDay());
        }
    }

    private record ObligationKey(String meterId, LocalDate readDate) {
        @Override
        public int hashCode() {
            return mix(meterId.hashCode(), readDate.toEpochDay());
        }
    }

    /** A posting that meets obligations: earlier time wins, then the smaller file id (order independent). */
    private record Posting(Instant at, String fileId) {
        boolean before(Posting o) {
            if (o == null) {
                return true;
            }
            int c = at.compareTo(o.at);
            return c < 0 || (c == 0 && fileId.compareTo(o.fileId) < 0);
        }

        static Posting earliest(Posting a, Posting b) {
            if (a == null) {
                return b;
            }
            return b != null && b.before(a) ? b : a;
        }
    }

    /** The earliest original posting of one account-period to one UDC: for all meters, and per named meter. */
    private static final class AccountPostings {
        Posting allMeters;
        Map<String, Posting> byMeter; // only when reports name meters

        Posting forMeter(String meterId) {
            return byMeter == null ? null : byMeter.get(meterId);
        }
    }

    private final TimelinessConfig config;
    private final ExpectedByPolicy expectedByPolicy;

    private final Map<String, MeterInfo> meters = new HashMap<>();
    private final Map<String, Set<String>> metersByCycle = new HashMap<>();
    private final Map<String, Set<String>> metersByAccount = new HashMap<>();
    private final Map<String, TreeSet<LocalDate>> schedule = new HashMap<>();
    private final Map<PostingKey, AccountPostings> postings = new HashMap<>();
    /** Met times already emitted as ObligationMet (or applied from the topic). */
    private final Map<ObligationKey, Posting> known = new HashMap<>();
    private final Map<CohortKey, CohortFigures> lastFigures = new HashMap<>();
    /** Notice id -> read date, of the notices already made. */
    private final Map<String, LocalDate> noticesMade = new HashMap<>();

    public TimelinessState(TimelinessConfig config) {
        this(config, ExpectedByPolicy.NEXT_DEADLINE);
    }

    public TimelinessState(TimelinessConfig config, ExpectedByPolicy expectedByPolicy) {
        this.config = Objects.requireNonNull(config, "config");
        this.expectedByPolicy = Objects.requireNonNull(expectedByPolicy, "expectedByPolicy");
    }

    public TimelinessConfig config() {
        return config;
    }

    // ------------------------------------------------------------------ inputs

    /** A meter (new or changed). Returns the obligations of the meter that this makes met. */
    public List<ObligationMet> apply(MeterEvent e) {
        removeMeter(e.getMeterId());
        String esp = e.getEspId() == null || e.getEspId().isBlank() ? null : e.getEspId(); // blank: no ESP cohort
        MeterInfo m = new MeterInfo(e.getMeterId(), e.getServiceAccount(), e.getUdcId(), esp,
                e.getReadCycle(), e.getIntervalMinutes() > 0 ? DataType.INTERVAL : DataType.NON_INTERVAL);
        meters.put(m.meterId(), m);
        metersByCycle.computeIfAbsent(m.cycle(), c -> new TreeSet<>()).add(m.meterId());
        metersByAccount.computeIfAbsent(m.account(), a -> new TreeSet<>()).add(m.meterId());
        List<ObligationMet> out = new ArrayList<>();
        TreeSet<LocalDate> dates = schedule.get(m.cycle());
        if (dates != null) {
            for (LocalDate r : dates) {
                check(m, r, out);
            }
        }
        return out;
    }

    /** A meter deleted (tombstone on mdma.meters): it has no obligations any more. */
    public void removeMeter(String meterId) {
        MeterInfo old = meters.remove(meterId);
        if (old != null) {
            removeFromIndex(metersByCycle, old.cycle(), meterId);
            removeFromIndex(metersByAccount, old.account(), meterId);
        }
    }

    /** A scheduled read date. Returns the obligations that this creates and that are met already. */
    public List<ObligationMet> apply(ScheduledReadDate s) {
        TreeSet<LocalDate> dates = schedule.computeIfAbsent(s.getReadCycle(), c -> new TreeSet<>());
        LocalDate r = s.getReadDate();
        dates.add(r);
        List<ObligationMet> out = new ArrayList<>();
        // R itself, and the date after it: if R is the cycle's new first date, that one now closes a period
        List<LocalDate> affected = new ArrayList<>();
        affected.add(r);
        LocalDate next = dates.higher(r);
        if (next != null) {
            affected.add(next);
        }
        for (String id : metersByCycle.getOrDefault(s.getReadCycle(), Set.of())) {
            MeterInfo m = meters.get(id);
            for (LocalDate d : affected) {
                check(m, d, out);
            }
        }
        return out;
    }

    /** A scheduled read date deleted (tombstone on mdma.schedules). */
    public void removeReadDate(String readCycle, LocalDate readDate) {
        TreeSet<LocalDate> dates = schedule.get(readCycle);
        if (dates != null) {
            dates.remove(readDate);
            if (dates.isEmpty()) {
                schedule.remove(readCycle);
            }
        }
    }

    /**
     * A document posted to a mailbox. Only EDI_867 documents and their ORIGINAL reports count;
     * cancellations never take back a met time. Returns the obligations first met by it.
     */
    public List<ObligationMet> apply(DocumentPosted d) {
        if (d.getKind() != MailboxFileKind.EDI_867) {
            return List.of();
        }
        Posting p = new Posting(d.getCreatedAt().truncatedTo(ChronoUnit.MILLIS), d.getFileId());
        List<ObligationMet> out = new ArrayList<>();
        for (ReportRef r : d.getReports()) {
            if (r.getPurpose() != ReportPurpose.ORIGINAL) {
                continue;
            }
            PostingKey key = new PostingKey(d.getReceiverPartyId(), r.getServiceAccount(), r.getPeriodEnd());
            AccountPostings ap = postings.computeIfAbsent(key, k -> new AccountPostings());
            List<String> named = r.getMeterIds() == null ? List.of() : r.getMeterIds();
            Collection<String> candidates;
            if (named.isEmpty()) {
                ap.allMeters = Posting.earliest(ap.allMeters, p);
                candidates = metersByAccount.getOrDefault(r.getServiceAccount(), Set.of());
            } else {
                if (ap.byMeter == null) {
                    ap.byMeter = new HashMap<>(4);
                }
                for (String id : named) {
                    ap.byMeter.merge(id, p, Posting::earliest);
                }
                candidates = named;
            }
            for (String id : candidates) {
                MeterInfo m = meters.get(id);
                if (m != null && m.udc().equals(d.getReceiverPartyId()) && m.account().equals(r.getServiceAccount())) {
                    check(m, r.getPeriodEnd(), out);
                }
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ own outputs, replayed

    /** An ObligationMet emitted before (replayed from mdma.timeliness): not emitted again. */
    public void apply(ObligationMet o) {
        known.merge(new ObligationKey(o.getMeterId(), o.getReadDate()),
                new Posting(o.getMetAt().truncatedTo(ChronoUnit.MILLIS), o.getFileId()), Posting::earliest);
    }

    /** CohortFigures emitted before (replayed from mdma.timeliness): emitted again only when they change. */
    public void apply(CohortFigures f) {
        lastFigures.put(new CohortKey(f.getDataType(), f.getUdcId(), f.getEspId(), f.getReadDate()), f);
    }

    /** A notice made before (replayed from mdma.notices): not made again. Other notices are ignored. */
    public void apply(Notice n) {
        if (n.getNoticeId() != null && n.getNoticeId().startsWith(NOTICE_ID_PREFIX)) {
            noticesMade.putIfAbsent(n.getNoticeId(), readDateOfNoticeId(n.getNoticeId()));
        }
    }

    /**
     * Forgets what concerns read dates before {@code keepFrom} (postings, met times, figures and notice
     * ids), to bound memory. Cohorts before it are then reported without their met times.
     */
    public void prune(LocalDate keepFrom) {
        postings.keySet().removeIf(k -> k.periodEnd().isBefore(keepFrom));
        known.keySet().removeIf(k -> k.readDate().isBefore(keepFrom));
        lastFigures.keySet().removeIf(k -> k.readDate().isBefore(keepFrom));
        noticesMade.values().removeIf(d -> d != null && d.isBefore(keepFrom));
    }

    // ------------------------------------------------------------------ queries

    /** When obligation (meter, R) was met, if it exists and is met (whatever the evaluation instant). */
    public Optional<Instant> metAt(String meterId, LocalDate readDate) {
        MeterInfo m = meters.get(meterId);
        if (m == null || !isObligation(m.cycle(), readDate)) {
            return Optional.empty();
        }
        Posting p = metPosting(m, readDate);
        return Optional.ofNullable(p).map(Posting::at);
    }

    /** The read date R' that opens the read period P(R) of the meter (its cycle's read date before R), if known. */
    public Optional<LocalDate> periodStart(String meterId, LocalDate readDate) {
        MeterInfo m = meters.get(meterId);
        TreeSet<LocalDate> dates = m == null ? null : schedule.get(m.cycle());
        return dates == null ? Optional.empty() : Optional.ofNullable(dates.lower(readDate));
    }

    /** Whether read date R of the cycle creates obligations: it is scheduled and not the cycle's first. */
    public boolean isObligation(String cycle, LocalDate readDate) {
        TreeSet<LocalDate> dates = schedule.get(cycle);
        return dates != null && dates.contains(readDate) && !dates.first().equals(readDate);
    }

    /**
     * The cohorts of one UDC ({@code udc == null}: of every UDC) with read dates from {@code from} to
     * {@code to} inclusive, as of {@code now}: postings after {@code now} do not count yet. For each
     * data type and read date the UDC-wide cohort (esp null) and one per ESP, in {@link CohortKey#ORDER}.
     */
    public List<Cohort> cohorts(String udc, LocalDate from, LocalDate to, Instant now) {
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("from " + from + " is after to " + to);
        }
        record Obligation(MeterInfo meter, Instant metAt) {
        }
        Map<CohortKey, List<Obligation>> byCohort = new TreeMap<>(CohortKey.ORDER);
        for (Map.Entry<String, TreeSet<LocalDate>> e : schedule.entrySet()) {
            Set<String> ids = metersByCycle.get(e.getKey());
            TreeSet<LocalDate> dates = e.getValue();
            if (ids == null || dates.isEmpty()) {
                continue;
            }
            LocalDate first = dates.first();
            for (LocalDate r : dates.subSet(from, true, to, true)) {
                if (r.equals(first)) {
                    continue; // opens the first period, closes none
                }
                for (String id : ids) {
                    MeterInfo m = meters.get(id);
                    if (udc != null && !udc.equals(m.udc())) {
                        continue;
                    }
                    Posting p = metPosting(m, r);
                    Obligation o = new Obligation(m, p != null && !p.at().isAfter(now) ? p.at() : null);
                    byCohort.computeIfAbsent(new CohortKey(m.type(), m.udc(), null, r), k -> new ArrayList<>()).add(o);
                    if (m.esp() != null) {
                        byCohort.computeIfAbsent(new CohortKey(m.type(), m.udc(), m.esp(), r), k -> new ArrayList<>()).add(o);
                    }
                }
            }
        }
        List<Cohort> result = new ArrayList<>(byCohort.size());
        for (Map.Entry<CohortKey, List<Obligation>> e : byCohort.entrySet()) {
            CohortKey key = e.getKey();
            List<Obligation> obligations = e.getValue();
            int n = obligations.size();
            Map<Integer, Deadline> deadlines = new LinkedHashMap<>();
            Map<Integer, Integer> met = new LinkedHashMap<>();
            Map<Integer, BigDecimal> percent = new LinkedHashMap<>();
            Map<Integer, BigDecimal> target = new LinkedHashMap<>();
            Map<Integer, CohortStatus> status = new LinkedHashMap<>();
            for (int k : config.deadlines()) {
                Deadline dl = config.deadline(key.dataType(), key.readDate(), k);
                int count = (int) obligations.stream().filter(o -> o.metAt() != null && dl.meets(o.metAt())).count();
                BigDecimal t = config.target(key.dataType(), k);
                deadlines.put(k, dl);
                met.put(k, count);
                percent.put(k, Cohort.percent(count, n));
                target.put(k, t);
                status.put(k, Cohort.status(count, n, t, dl, now, config.atRiskWindow()));
            }
            List<Deadline> dls = List.copyOf(deadlines.values());
            List<Cohort.Late> late = obligations.stream()
                    .filter(o -> o.metAt() == null)
                    .map(o -> new Cohort.Late(o.meter().meterId(), o.meter().account(), o.meter().esp(),
                            expectedByPolicy.expectedBy(o.meter().meterId(), o.meter().account(), key, dls, now)))
                    .sorted(Comparator.comparing(Cohort.Late::meterId))
                    .toList();
            result.add(new Cohort(key, n, met, percent, target, status, deadlines, late));
        }
        return result;
    }

    /**
     * One tick: the figures of the cohorts of the last {@code activeDays} read dates up to today that
     * changed since last emitted, and the notices due (once per cohort, k and kind: AT_RISK while at
     * risk, MISSED when missed less than {@code noticeWindow} ago). What it returns counts as emitted.
     */
    public Evaluation evaluate(Instant now) {
        Instant at = now.truncatedTo(ChronoUnit.MILLIS);
        LocalDate today = now.atZone(config.zone()).toLocalDate();
        List<CohortFigures> figures = new ArrayList<>();
        List<Notice> notices = new ArrayList<>();
        for (Cohort c : cohorts(null, today.minusDays(config.activeDays()), today, now)) {
            CohortFigures f = figures(c, at);
            CohortFigures last = lastFigures.get(c.key());
            if (last == null || !sameFigures(last, f)) {
                lastFigures.put(c.key(), f);
                figures.add(f);
            }
            for (int k : config.deadlines()) {
                CohortStatus s = c.status().get(k);
                NoticeKind kind;
                if (s == CohortStatus.AT_RISK) {
                    kind = NoticeKind.TIMELINESS_AT_RISK;
                } else if (s == CohortStatus.MISSED
                        && now.isBefore(c.deadlines().get(k).at().plus(config.noticeWindow()))) {
                    kind = NoticeKind.TIMELINESS_MISSED;
                } else {
                    continue;
                }
                String id = noticeId(c.key(), k, kind);
                if (noticesMade.putIfAbsent(id, c.key().readDate()) == null) {
                    notices.add(notice(id, kind, c, k, at));
                }
            }
        }
        return new Evaluation(figures, notices);
    }

    /**
     * The gauges of the cohorts of the last {@code metricsReadDates} read dates (up to today) of each
     * UDC, as of {@code now}. Label {@code esp} is {@value CohortKey#ALL_ESPS} for the UDC-wide cohort.
     */
    public List<GaugeSample> gauges(Instant now) {
        LocalDate today = now.atZone(config.zone()).toLocalDate();
        List<GaugeSample> out = new ArrayList<>();
        for (String udc : new TreeSet<>(meters.values().stream().map(MeterInfo::udc).toList())) {
            List<LocalDate> dates = recentReadDates(udc, today, config.metricsReadDates());
            if (dates.isEmpty()) {
                continue;
            }
            for (Cohort c : cohorts(udc, dates.get(0), today, now)) {
                Map<String, String> base = new LinkedHashMap<>();
                base.put("data_type", c.key().dataType().name());
                base.put("udc", c.key().udc());
                base.put("esp", c.key().espLabel());
                base.put("read_date", c.key().readDate().toString());
                out.add(new GaugeSample(GaugeSample.OBLIGATIONS, base, c.obligations()));
                out.add(new GaugeSample(GaugeSample.LATE, base, c.late().size()));
                for (int k : config.deadlines()) {
                    Map<String, String> l = new LinkedHashMap<>(base);
                    l.put("deadline", String.valueOf(k));
                    out.add(new GaugeSample(GaugeSample.MET, l, c.met().get(k)));
                    out.add(new GaugeSample(GaugeSample.PERCENT, l, c.percent().get(k).doubleValue()));
                    out.add(new GaugeSample(GaugeSample.TARGET, l, c.target().get(k).doubleValue()));
                    out.add(new GaugeSample(GaugeSample.DEADLINE, l, c.deadlines().get(k).at().getEpochSecond()));
                    for (CohortStatus s : CohortStatus.values()) {
                        Map<String, String> ls = new LinkedHashMap<>(l);
                        ls.put("status", s.name());
                        out.add(new GaugeSample(GaugeSample.STATUS, ls, c.status().get(k) == s ? 1 : 0));
                    }
                }
            }
        }
        return out;
    }

    /** The most recent {@code n} read dates up to {@code today} that create obligations for the UDC, ascending. */
    public List<LocalDate> recentReadDates(String udc, LocalDate today, int n) {
        TreeSet<LocalDate> all = new TreeSet<>();
        Set<String> cycles = new TreeSet<>();
        meters.values().stream().filter(m -> m.udc().equals(udc)).forEach(m -> cycles.add(m.cycle()));
        for (String cycle : cycles) {
            TreeSet<LocalDate> dates = schedule.get(cycle);
            if (dates == null || dates.size() < 2) {
                continue;
            }
            all.addAll(dates.tailSet(dates.first(), false).headSet(today, true));
        }
        List<LocalDate> list = new ArrayList<>(all.descendingSet()).subList(0, Math.min(n, all.size()));
        List<LocalDate> asc = new ArrayList<>(list);
        Collections.reverse(asc);
        return asc;
    }

    // ------------------------------------------------------------------ internals

    private static void removeFromIndex(Map<String, Set<String>> index, String key, String meterId) {
        Set<String> s = index.get(key);
        if (s != null) {
            s.remove(meterId);
            if (s.isEmpty()) {
                index.remove(key);
            }
        }
    }

    private Posting metPosting(MeterInfo m, LocalDate r) {
        Posting p = known.get(new ObligationKey(m.meterId(), r));
        AccountPostings ap = postings.get(new PostingKey(m.udc(), m.account(), r));
        if (ap != null) {
            p = Posting.earliest(p, ap.allMeters);
            p = Posting.earliest(p, ap.forMeter(m.meterId()));
        }
        return p;
    }

    /** Emits ObligationMet for (m, r) when it is an obligation, met, and not emitted yet with this time. */
    private void check(MeterInfo m, LocalDate r, List<ObligationMet> out) {
        if (!isObligation(m.cycle(), r)) {
            return;
        }
        ObligationKey ok = new ObligationKey(m.meterId(), r);
        Posting before = known.get(ok);
        Posting now = metPosting(m, r);
        if (now == null || (before != null && !now.before(before))) {
            return;
        }
        known.put(ok, now);
        out.add(ObligationMet.newBuilder()
                .setMeterId(m.meterId())
                .setServiceAccount(m.account())
                .setUdcId(m.udc())
                .setEspId(m.esp())
                .setDataType(m.type())
                .setReadDate(r)
                .setMetAt(now.at())
                .setFileId(now.fileId())
                .build());
    }

    private static CohortFigures figures(Cohort c, Instant at) {
        Map<String, Integer> met = new LinkedHashMap<>();
        Map<String, CohortStatus> status = new LinkedHashMap<>();
        c.met().forEach((k, v) -> met.put(String.valueOf(k), v));
        c.status().forEach((k, v) -> status.put(String.valueOf(k), v));
        return CohortFigures.newBuilder()
                .setDataType(c.key().dataType())
                .setUdcId(c.key().udc())
                .setEspId(c.key().esp())
                .setReadDate(c.key().readDate())
                .setObligations(c.obligations())
                .setMet(met)
                .setStatus(status)
                .setComputedAt(at)
                .build();
    }

    private static boolean sameFigures(CohortFigures a, CohortFigures b) {
        return a.getObligations() == b.getObligations()
                && stringKeys(a.getMet()).equals(stringKeys(b.getMet()))
                && stringKeys(a.getStatus()).equals(stringKeys(b.getStatus()));
    }

    /** Avro may hand back Utf8 map keys after deserialization; compare by their text. */
    private static Map<String, String> stringKeys(Map<?, ?> m) {
        Map<String, String> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
        return out;
    }

    static String noticeId(CohortKey key, int k, NoticeKind kind) {
        return NOTICE_ID_PREFIX + kind + ":" + key.dataType() + ":" + key.udc() + ":" + key.espLabel() + ":"
                + key.readDate() + ":" + k;
    }

    private static LocalDate readDateOfNoticeId(String id) {
        String[] parts = id.split(":");
        try {
            return parts.length >= 7 ? LocalDate.parse(parts[parts.length - 2]) : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private Notice notice(String id, NoticeKind kind, Cohort c, int k, Instant at) {
        Deadline dl = c.deadlines().get(k);
        // accounts, each with the latest expected time of its late meters (null when one is unknown)
        Map<String, List<Instant>> expected = new TreeMap<>();
        for (Cohort.Late l : c.late()) {
            expected.computeIfAbsent(l.serviceAccount(), a -> new ArrayList<>()).add(l.expectedBy());
        }
        Map<String, Instant> byAccount = new TreeMap<>();
        expected.forEach((account, times) -> byAccount.put(account, times.contains(null) ? null
                : times.stream().max(Instant::compareTo).orElseThrow()));
        Instant expectedBy = byAccount.containsValue(null) ? null
                : byAccount.values().stream().max(Instant::compareTo).orElse(null);

        StringBuilder text = new StringBuilder();
        text.append(kind == NoticeKind.TIMELINESS_AT_RISK ? "Timeliness at risk: " : "Timeliness target missed: ")
                .append(c.key().describe()).append(", deadline ").append(k).append(" (")
                .append(describeDeadline(c.key(), dl)).append(")");
        if (kind == NoticeKind.TIMELINESS_AT_RISK) {
            text.append(" is less than ").append(config.atRiskWindow().toHours()).append(" hours away: ")
                    .append(c.met().get(k)).append(" of ").append(c.obligations())
                    .append(" obligations met so far (").append(c.percent().get(k)).append("%)");
        } else {
            text.append(": ").append(c.met().get(k)).append(" of ").append(c.obligations())
                    .append(" obligations met by it (").append(c.percent().get(k)).append("%)");
        }
        text.append(", target ").append(c.target().get(k)).append("%.");
        if (byAccount.isEmpty()) {
            text.append(" All data has been posted since.");
        } else {
            text.append(" Late accounts and when their data is expected: ");
            int shown = 0;
            for (Map.Entry<String, Instant> e : byAccount.entrySet()) {
                if (shown == 50) {
                    text.append(", and ").append(byAccount.size() - shown).append(" more (see accounts)");
                    break;
                }
                text.append(shown == 0 ? "" : ", ").append(e.getKey()).append(" (")
                        .append(e.getValue() == null ? "no time yet" : "by " + formatLocal(e.getValue())).append(')');
                shown++;
            }
            text.append('.');
        }
        return Notice.newBuilder()
                .setNoticeId(id)
                .setKind(kind)
                .setPartyId(c.key().udc())
                .setPostedAt(at)
                .setPostedBy(config.noticeAuthor())
                .setText(text.toString())
                .setAccounts(new ArrayList<>(byAccount.keySet()))
                .setExpectedBy(expectedBy)
                .build();
    }

    private String describeDeadline(CohortKey key, Deadline dl) {
        if (key.dataType() == DataType.INTERVAL) {
            return "end of local day " + dl.at().atZone(config.zone()).toLocalDate().minusDays(1);
        }
        return formatLocal(dl.at());
    }

    private String formatLocal(Instant t) {
        ZonedDateTime z = t.atZone(config.zone());
        return LOCAL_TIME.format(z);
    }
}
