package energy.mdma.vee.topology;

import org.apache.avro.generic.PrimitivesArrays;
import energy.mdma.vee.state.PublishedResult;
import energy.mdma.events.ChannelPeriodResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** What differs between the published version of a channel-period and a new result. */
final class ResultDiff {
    private ResultDiff() {
    }

    record Change(boolean changed, List<Integer> changedIntervals, String description) {
    }

    static Change compare(ChannelPeriodResult old, ChannelPeriodResult now) {
        return compare(old == null ? null : PublishedResult.of(old), now);
    }

    /** @param old what was published last (null: nothing yet) */
    static Change compare(PublishedResult old, ChannelPeriodResult now) {
        if (old == null) {
            return new Change(true, List.of(), "first result");
        }
        List<Integer> intervals = new ArrayList<>();
        List<Long> usage = now.getUsage();
        List<Integer> quality = now.getQuality();
        int n = usage.size();
        boolean sameGrid = Objects.equals(old.firstIntervalEnd(), now.getFirstIntervalEnd()) && old.usage.length == n;
        if (sameGrid) {
            if (usage instanceof PrimitivesArrays.LongArray u && quality instanceof PrimitivesArrays.IntArray q) {
                for (int i = 0; i < n; i++) {
                    if (old.usage[i] != u.getLong(i) || old.quality[i] != q.getInt(i)) {
                        intervals.add(i);
                    }
                }
            } else {
                for (int i = 0; i < n; i++) {
                    if (old.usage[i] != usage.get(i) || old.quality[i] != quality.get(i)) {
                        intervals.add(i);
                    }
                }
            }
        }
        List<String> what = new ArrayList<>();
        if (!sameGrid) {
            what.add("interval grid");
        }
        if (!intervals.isEmpty()) {
            what.add(intervals.size() + " interval(s)");
        }
        if (old.state() != now.getState()) {
            what.add("state " + old.state() + " -> " + now.getState());
        }
        if (!Objects.equals(old.total, now.getTotal()) || old.totalEstimated != now.getTotalEstimated()) {
            what.add("total");
        }
        if (!Objects.equals(old.registerStart, now.getRegisterStart())
                || !Objects.equals(old.registerEnd, now.getRegisterEnd())
                || old.registerStartEstimated != now.getRegisterStartEstimated()
                || old.registerEndEstimated != now.getRegisterEndEstimated()) {
            what.add("register readings");
        }
        if (!old.failurePoints.equals(now.getFailurePoints())) {
            what.add("failure points");
        }
        if (!Objects.equals(old.serviceAccount, now.getServiceAccount()) || old.uom() != now.getUom()
                || !Objects.equals(old.periodStart(), now.getPeriodStart())
                || old.intervalsExpected != now.getIntervalsExpected()
                || old.intervalsActual != now.getIntervalsActual()
                || old.intervalsEstimated != now.getIntervalsEstimated()) {
            what.add("counts or account data");
        }
        return new Change(!what.isEmpty(), intervals, "changed: " + String.join(", ", what));
    }
}
