package energy.mdma.ingest.parse;

import energy.mdma.ingest.model.Channel;
import energy.mdma.ingest.model.ParsedIntervalValue;
import energy.mdma.ingest.model.Meter;
import energy.mdma.ingest.model.ParsedIntervalBlock;
import energy.mdma.ingest.model.ParsedRegisterReading;
import energy.mdma.ingest.model.Party;
import energy.mdma.ingest.model.ScheduleEntry;

import java.util.ArrayList;
import java.util.List;

/** A sink that keeps everything (tests only). */
class Collector implements IngestSink {
    final List<Party> parties = new ArrayList<>();
    final List<Meter> meters = new ArrayList<>();
    final List<Channel> channels = new ArrayList<>();
    final List<ScheduleEntry> schedule = new ArrayList<>();
    final List<ParsedIntervalBlock> blocks = new ArrayList<>();
    final List<ParsedRegisterReading> registers = new ArrayList<>();
    final List<RejectedRow> rejected = new ArrayList<>();
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
    public void intervals(ParsedIntervalBlock block) {
        blocks.add(block);
    }

    @Override
    public void register(ParsedRegisterReading reading) {
        registers.add(reading);
    }

    @Override
    public void rowRejected(RejectedRow rejection) {
        rejected.add(rejection);
    }

    @Override
    public void end(ParseReport report) {
        ended = report;
    }

    List<ParsedIntervalValue> values() {
        List<ParsedIntervalValue> out = new ArrayList<>();
        for (ParsedIntervalBlock b : blocks) {
            out.addAll(b.values());
        }
        return out;
    }
}
