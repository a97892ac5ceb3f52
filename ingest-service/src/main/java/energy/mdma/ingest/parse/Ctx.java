package energy.mdma.ingest.parse;

import energy.mdma.ingest.model.ChannelInfo;
import energy.mdma.ingest.model.MeterInfo;

import java.time.Clock;

/** State shared by the row handlers of one parse. */
final class Ctx {
    final MasterDataView view;
    final IngestSink sink;
    final ParserOptions options;
    final ReadingChecks checks;
    final Times times;
    final BlockAccumulator blocks;
    long sequence;
    long valuesAccepted;
    long readingsAccepted;

    Ctx(MasterDataView view, IngestSink sink, ParserOptions options, Clock clock) {
        this.view = view;
        this.sink = sink;
        this.options = options;
        this.checks = new ReadingChecks(view, options, clock);
        this.times = checks.times;
        this.blocks = new BlockAccumulator(sink, options.maxBlockSize(), options.splitBlocksAtLocalDay());
    }

    /** The known meter with the id in row field i, or a rejection (see {@link ReadingChecks}). */
    MeterInfo meter(char[] b, int s, int e) throws RowReject {
        return checks.meter(b, s, e);
    }

    MeterInfo meter(String id) throws RowReject {
        return checks.meter(id);
    }

    /** The known channel of the meter, or a rejection. */
    ChannelInfo channel(MeterInfo meter, int channel) throws RowReject {
        return checks.channel(meter, channel);
    }
}
