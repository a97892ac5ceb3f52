package energy.mdma.vee.topology;

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
        if (old == null) {
            return new Change(true, List.of(), "first result");
        }
        List<Integer> intervals = new ArrayList<>();
        boolean sameGrid = Objects.equals(old.getFirstIntervalEnd(), now.getFirstIntervalEnd())
                && old.getUsage().size() == now.getUsage().size();
        if (sameGrid) {
            for (int i = 0; i < now.getUsage().size(); i++) {
                if (!old.getUsage().get(i).equals(now.getUsage().get(i))
                        || !old.getQuality().get(i).equals(now.getQuality().get(i))) {
                    intervals.add(i);
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
        if (old.getState() != now.getState()) {
            what.add("state " + old.getState() + " -> " + now.getState());
        }
        if (!Objects.equals(old.getTotal(), now.getTotal()) || old.getTotalEstimated() != now.getTotalEstimated()) {
            what.add("total");
        }
        if (!Objects.equals(old.getRegisterStart(), now.getRegisterStart())
                || !Objects.equals(old.getRegisterEnd(), now.getRegisterEnd())
                || old.getRegisterStartEstimated() != now.getRegisterStartEstimated()
                || old.getRegisterEndEstimated() != now.getRegisterEndEstimated()) {
            what.add("register readings");
        }
        if (!old.getFailurePoints().equals(now.getFailurePoints())) {
            what.add("failure points");
        }
        if (!Objects.equals(old.getServiceAccount(), now.getServiceAccount()) || old.getUom() != now.getUom()
                || !Objects.equals(old.getPeriodStart(), now.getPeriodStart())
                || old.getIntervalsExpected() != now.getIntervalsExpected()
                || old.getIntervalsActual() != now.getIntervalsActual()
                || old.getIntervalsEstimated() != now.getIntervalsEstimated()) {
            what.add("counts or account data");
        }
        return new Change(!what.isEmpty(), intervals, "changed: " + String.join(", ", what));
    }
}
