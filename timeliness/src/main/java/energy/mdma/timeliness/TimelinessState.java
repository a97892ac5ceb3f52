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
    /** UDC -> read cycle -> how many of the UDC's meters are on it. */
    private final Map<String, Map<String, Integer>> cyclesByUdc = new HashMap<>();
    /**
     * The cohorts of the read dates from {@link #talliedFrom} to {@link #talliedTo} (the active window and the
     * gauges' read dates, set by {@link #evaluate}), kept current event by event: a tick counts, it does not
     * go over every meter. Other read dates are counted from scratch when asked for.
     */
    private final TreeMap<LocalDate, Map<CohortKey, CohortTally>> tallied = new TreeMap<>();
    private LocalDate talliedFrom;
    private LocalDate talliedTo;
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
        cyclesByUdc.computeIfAbsent(m.udc(), u -> new HashMap<>()).merge(m.cycle(), 1, Integer::sum);
        List<ObligationMet> out = new ArrayList<>();
        TreeSet<LocalDate> dates = schedule.get(m.cycle());
        if (dates != null) {
            for (LocalDate r : dates) {
                check(m, r, out);
            }
            for (LocalDate r : talliedDates(dates)) {
                sync(m, r);
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
            Map<String, Integer> cycles = cyclesByUdc.get(old.udc());
            if (cycles != null && cycles.merge(old.cycle(), -1, Integer::sum) <= 0) {
                cycles.remove(old.cycle());
                if (cycles.isEmpty()) {
                    cyclesByUdc.remove(old.udc());
                }
            }
            TreeSet<LocalDate> dates = schedule.get(old.cycle());
            if (dates != null) {
                for (LocalDate r : talliedDates(dates)) {
                    untally(old, r);
                }
            }
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
                sync(m, d);
            }
        }
        return out;
    }

    /** A scheduled read date deleted (tombstone on mdma.schedules). */
    public void removeReadDate(String readCycle, LocalDate readDate) {
        TreeSet<LocalDate> dates = schedule.get(readCycle);
        if (dates == null || !dates.contains(readDate)) {
            return;
        }
        boolean wasFirst = dates.first().equals(readDate);
        dates.remove(readDate);
        if (dates.isEmpty()) {
            schedule.remove(readCycle);
        }
        // R's obligations end; if R opened the first period, the next date now does and closes none
        LocalDate newFirst = wasFirst && !dates.isEmpty() ? dates.first() : null;
        for (String id : metersByCycle.getOrDefault(readCycle, Set.of())) {
            MeterInfo m = meters.get(id);
            sync(m, readDate);
            if (newFirst != null) {
                sync(m, newFirst);
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
                    sync(m, r.getPeriodEnd());
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
        MeterInfo m = meters.get(o.getMeterId());
        if (m != null) {
            sync(m, o.getReadDate());
        }
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
        if (talliedFrom != null && talliedFrom.isBefore(keepFrom)) {
            // their met times are forgotten: count those read dates again
            LocalDate last = talliedTo.isBefore(keepFrom) ? talliedTo : keepFrom.minusDays(1);
            for (LocalDate d = talliedFrom; !d.isAfter(last); d = d.plusDays(1)) {
                tallied.remove(d);
                tallyDate(d);
            }
        }
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
        List<Cohort> result = new ArrayList<>();
        for (CohortTally t : tallies(udc, from, to)) {
            result.add(cohort(t, now));
        }
        return result;
    }

    /** The cohorts of the UDC ({@code null}: all) and read dates, in {@link CohortKey#ORDER}, none empty. */
    private List<CohortTally> tallies(String udc, LocalDate from, LocalDate to) {
        List<CohortTally> out = new ArrayList<>();
        if (talliedFrom != null && !from.isBefore(talliedFrom) && !to.isAfter(talliedTo)) {
            for (Map<CohortKey, CohortTally> day : tallied.subMap(from, true, to, true).values()) {
                for (CohortTally t : day.values()) {
                    if (udc == null || udc.equals(t.key().udc())) {
                        out.add(t);
                    }
                }
            }
        } else {
            out.addAll(countFromScratch(udc, from, to).values());
        }
        out.sort(Comparator.comparing(CohortTally::key, CohortKey.ORDER));
        return out;
    }

    /**
     * The cohorts of the read dates from {@code from} to {@code to} (of one UDC, or all when {@code udc} is null),
     * counted over their meters.
     */
    private Map<CohortKey, CohortTally> countFromScratch(String udc, LocalDate from, LocalDate to) {
        Map<CohortKey, CohortTally> cohorts = new HashMap<>();
        for (Map.Entry<String, TreeSet<LocalDate>> e : schedule.entrySet()) {
            TreeSet<LocalDate> dates = e.getValue();
            Set<String> ids = metersByCycle.get(e.getKey());
            if (ids == null || dates.isEmpty()) {
                continue;
            }
            for (LocalDate r : dates.subSet(from, true, to, true)) {
                if (r.equals(dates.first())) {
                    continue; // opens the cycle's first period, closes none
                }
                for (String id : ids) {
                    MeterInfo m = meters.get(id);
                    if (udc == null || udc.equals(m.udc())) {
                        tally(cohorts, m, r);
                    }
                }
            }
        }
        return cohorts;
    }

    /** The cohort's figures as of {@code now}: postings after it do not count yet. */
    private Cohort cohort(CohortTally t, Instant now) {
        CohortKey key = t.key();
        int n = t.obligations();
        Map<Integer, Deadline> deadlines = new LinkedHashMap<>();
        Map<Integer, Integer> met = new LinkedHashMap<>();
        Map<Integer, BigDecimal> percent = new LinkedHashMap<>();
        Map<Integer, BigDecimal> target = new LinkedHashMap<>();
        Map<Integer, CohortStatus> status = new LinkedHashMap<>();
        for (int i = 0; i < t.deadlines().size(); i++) {
            Deadline dl = t.deadlines().get(i);
            int count = t.met(i, now);
            BigDecimal tp = config.target(key.dataType(), dl.k());
            deadlines.put(dl.k(), dl);
            met.put(dl.k(), count);
            percent.put(dl.k(), Cohort.percent(count, n));
            target.put(dl.k(), tp);
            status.put(dl.k(), Cohort.status(count, n, tp, dl, now, config.atRiskWindow()));
        }
        List<Cohort.Late> late = new ArrayList<>();
        for (CohortTally.Member m : t.late(now)) {
            late.add(new Cohort.Late(m.meterId(), m.serviceAccount(), m.esp(),
                    expectedByPolicy.expectedBy(m.meterId(), m.serviceAccount(), key, t.deadlines(), now)));
        }
        return new Cohort(key, n, met, percent, target, status, deadlines, List.copyOf(late));
    }

    /**
     * One tick: the figures of the cohorts of the last {@code activeDays} read dates up to today that
     * changed since last emitted, and the notices due (once per cohort, k and kind: AT_RISK while at
     * risk, MISSED when missed less than {@code noticeWindow} ago). What it returns counts as emitted.
     */
    public Evaluation evaluate(Instant now) {
        Instant at = now.truncatedTo(ChronoUnit.MILLIS);
        LocalDate today = now.atZone(config.zone()).toLocalDate();
        LocalDate activeFrom = today.minusDays(config.activeDays());
        LocalDate gaugesFrom = gaugesFrom(today);
        LocalDate oldest = today.minusDays(Math.max(config.activeDays(), MAX_TALLIED_DAYS));
        tallyWindow(gaugesFrom == null || gaugesFrom.isAfter(activeFrom) ? activeFrom
                : gaugesFrom.isBefore(oldest) ? oldest : gaugesFrom, today);
        List<CohortFigures> figures = new ArrayList<>();
        List<Notice> notices = new ArrayList<>();
        for (Cohort c : cohorts(null, activeFrom, today, now)) {
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
        for (String udc : new TreeSet<>(cyclesByUdc.keySet())) {
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
        for (String cycle : cyclesByUdc.getOrDefault(udc, Map.of()).keySet()) {
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

    /** The gauges' read dates reach back at most this far; older ones are counted from scratch when asked for. */
    private static final int MAX_TALLIED_DAYS = 92;

    /** The earliest of the read dates the gauges show, over all UDCs; null when there is none. */
    private LocalDate gaugesFrom(LocalDate today) {
        LocalDate from = null;
        for (String udc : cyclesByUdc.keySet()) {
            List<LocalDate> dates = recentReadDates(udc, today, config.metricsReadDates());
            if (!dates.isEmpty() && (from == null || dates.get(0).isBefore(from))) {
                from = dates.get(0);
            }
        }
        return from;
    }

    /** Moves the tallied read dates to [from, to]: those leaving are dropped, those entering counted once. */
    private void tallyWindow(LocalDate from, LocalDate to) {
        if (from.equals(talliedFrom) && to.equals(talliedTo)) {
            return;
        }
        if (talliedFrom != null && (to.isBefore(talliedFrom) || from.isAfter(talliedTo))) {
            tallied.clear();
            talliedFrom = null;
        }
        if (talliedFrom == null) {
            for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
                tallyDate(d);
            }
        } else {
            tallied.headMap(from, false).clear();
            tallied.tailMap(to, false).clear();
            for (LocalDate d = from; d.isBefore(talliedFrom); d = d.plusDays(1)) {
                tallyDate(d);
            }
            for (LocalDate d = talliedTo.plusDays(1); !d.isAfter(to); d = d.plusDays(1)) {
                tallyDate(d);
            }
        }
        talliedFrom = from;
        talliedTo = to;
    }

    private void tallyDate(LocalDate r) {
        Map<CohortKey, CohortTally> day = countFromScratch(null, r, r);
        if (!day.isEmpty()) {
            tallied.put(r, day);
        }
    }

    /** The read dates of a cycle that are tallied. */
    private Set<LocalDate> talliedDates(TreeSet<LocalDate> dates) {
        return talliedFrom == null ? Set.of() : dates.subSet(talliedFrom, true, talliedTo, true);
    }

    /** Brings the tallied cohorts up to date with obligation (m, R): added, met or gone. */
    private void sync(MeterInfo m, LocalDate r) {
        if (talliedFrom == null || r.isBefore(talliedFrom) || r.isAfter(talliedTo)) {
            return;
        }
        if (isObligation(m.cycle(), r)) {
            tally(tallied.computeIfAbsent(r, d -> new HashMap<>()), m, r);
        } else {
            untally(m, r);
        }
    }

    /** Puts obligation (m, R), with its met time, into its cohorts (UDC-wide, and the ESP's) of the day. */
    private void tally(Map<CohortKey, CohortTally> day, MeterInfo m, LocalDate r) {
        Posting p = metPosting(m, r);
        CohortTally.Member member = new CohortTally.Member(m.meterId(), m.account(), m.esp(), p == null ? null : p.at());
        tallyOf(day, new CohortKey(m.type(), m.udc(), null, r)).put(member);
        if (m.esp() != null) {
            tallyOf(day, new CohortKey(m.type(), m.udc(), m.esp(), r)).put(member);
        }
    }

    private CohortTally tallyOf(Map<CohortKey, CohortTally> day, CohortKey key) {
        CohortTally t = day.get(key);
        if (t == null) {
            List<Deadline> deadlines = new ArrayList<>();
            for (int k : config.deadlines()) {
                deadlines.add(config.deadline(key.dataType(), key.readDate(), k));
            }
            t = new CohortTally(key, deadlines);
            day.put(key, t);
        }
        return t;
    }

    /** Takes obligation (m, R) out of the tallied cohorts. */
    private void untally(MeterInfo m, LocalDate r) {
        Map<CohortKey, CohortTally> day = tallied.get(r);
        if (day == null) {
            return;
        }
        untallyFrom(day, new CohortKey(m.type(), m.udc(), null, r), m.meterId());
        if (m.esp() != null) {
            untallyFrom(day, new CohortKey(m.type(), m.udc(), m.esp(), r), m.meterId());
        }
        if (day.isEmpty()) {
            tallied.remove(r);
        }
    }

    private static void untallyFrom(Map<CohortKey, CohortTally> day, CohortKey key, String meterId) {
        CohortTally t = day.get(key);
        if (t != null) {
            t.remove(meterId);
            if (t.isEmpty()) {
                day.remove(key);
            }
        }
    }

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
