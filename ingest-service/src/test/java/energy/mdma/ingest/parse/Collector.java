package energy.mdma.ingest.parse;

import energy.mdma.ingest.model.Channel;
import energy.mdma.ingest.model.IntervalBlock;
import energy.mdma.ingest.model.IntervalValue;
import energy.mdma.ingest.model.Meter;
import energy.mdma.ingest.model.Party;
import energy.mdma.ingest.model.RegisterReading;
import energy.mdma.ingest.model.ScheduleEntry;

import java.util.ArrayList;
import java.util.List;

/** A sink that keeps everything (tests only). */
class Collector implements IngestSink {
    final List<Party> parties = new ArrayList<>();
    final List<Meter> meters = new ArrayList<>();
    final List<Channel> channels = new ArrayList<>();
    final List<ScheduleEntry> schedule = new ArrayList<>();
    final List<IntervalBlock> blocks = new ArrayList<>();
    final List<RegisterReading> registers = new ArrayList<>();
    final List<Rejection> rejected = new ArrayList<>();
    ParseReport ended;

    @Override
    public void party(Party party) {
        parties.add(party);
    }

    @Override
    public void meter(Meter meter) {
        meters.add(meter);
    }

    @Override
    public void channel(Channel channel) {
        channels.add(channel);
    }

    @Override
    public void scheduleEntry(ScheduleEntry entry) {
        schedule.add(entry);
    }

    @Override
    public void intervals(IntervalBlock block) {
        blocks.add(block);
    }

    @Override
    public void register(RegisterReading reading) {
        registers.add(reading);
    }

    @Override
    public void rowRejected(Rejection rejection) {
        rejected.add(rejection);
    }

    @Override
    public void end(ParseReport report) {
        ended = report;
    }

    List<IntervalValue> values() {
        List<IntervalValue> out = new ArrayList<>();
        for (IntervalBlock b : blocks) {
            out.addAll(b.values());
        }
        return out;
    }
}
