package energy.mdma.timeliness;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The obligations of one cohort and when each was met, kept up to date one obligation at a time, so that the
 * cohort's figures as of an instant cost a few counters instead of a pass over its meters.
 *
 * <p>A member's met time is the earliest posting meeting it whatever the evaluation instant; {@link #met(int, Instant)}
 * and {@link #late(Instant)} leave out the postings after that instant (timeliness.md: a posting counts from when it
 * was made), which are normally none.
 */
final class CohortTally {

    /** One obligation (meter, read date) of the cohort; {@code metAt} null while not met. */
    record Member(String meterId, String serviceAccount, String esp, Instant metAt) {
    }

    private static final Comparator<Member> BY_MET_AT =
            Comparator.comparing(Member::metAt).thenComparing(Member::meterId);

    private final CohortKey key;
    /** The cohort's deadlines, in the order of {@link TimelinessConfig#deadlines()}. */
    private final List<Deadline> deadlines;
    /** Per deadline (same index): the members met in time for it, postings after any instant included. */
    private final int[] metInTime;
    private final Map<String, Member> members = new HashMap<>();
    private final TreeMap<String, Member> unmet = new TreeMap<>();
    private final TreeSet<Member> metInOrder = new TreeSet<>(BY_MET_AT);

    CohortTally(CohortKey key, List<Deadline> deadlines) {
        this.key = key;
        this.deadlines = List.copyOf(deadlines);
        this.metInTime = new int[deadlines.size()];
    }

    CohortKey key() {
        return key;
    }

    List<Deadline> deadlines() {
        return deadlines;
    }

    int obligations() {
        return members.size();
    }

    boolean isEmpty() {
        return members.isEmpty();
    }

    /** Adds the member, or replaces the one of the same meter. */
    void put(Member m) {
        remove(m.meterId());
        members.put(m.meterId(), m);
        if (m.metAt() == null) {
            unmet.put(m.meterId(), m);
            return;
        }
        metInOrder.add(m);
        for (int i = 0; i < metInTime.length; i++) {
            if (deadlines.get(i).meets(m.metAt())) {
                metInTime[i]++;
            }
        }
    }

    /** Removes the meter's obligation, if it is a member. */
    void remove(String meterId) {
        Member old = members.remove(meterId);
        if (old == null) {
            return;
        }
        if (old.metAt() == null) {
            unmet.remove(meterId);
            return;
        }
        metInOrder.remove(old);
        for (int i = 0; i < metInTime.length; i++) {
            if (deadlines.get(i).meets(old.metAt())) {
                metInTime[i]--;
            }
        }
    }

    /** The members met by deadline {@code deadlines().get(i)} with postings made at {@code now} or before. */
    int met(int i, Instant now) {
        int count = metInTime[i];
        for (Member m : metAfter(now)) {
            if (deadlines.get(i).meets(m.metAt())) {
                count--;
            }
        }
        return count;
    }

    /** How many members are not met as of {@code now}. */
    int lateCount(Instant now) {
        return unmet.size() + metAfter(now).size();
    }

    /** The members not met as of {@code now}, by meter id. */
    List<Member> late(Instant now) {
        NavigableSet<Member> after = metAfter(now);
        List<Member> late = new ArrayList<>(unmet.size() + after.size());
        late.addAll(unmet.values());
        if (!after.isEmpty()) {
            late.addAll(after);
            late.sort(Comparator.comparing(Member::meterId));
        }
        return late;
    }

    /** Members met by postings made after {@code now} (those do not count yet). */
    private NavigableSet<Member> metAfter(Instant now) {
        if (metInOrder.isEmpty() || !metInOrder.last().metAt().isAfter(now)) {
            return Collections.emptyNavigableSet();
        }
        return metInOrder.tailSet(new Member("", null, null, now.plusNanos(1)), true);
    }
}
