package energy.mdma.ingest.model;

import energy.mdma.events.RawUnit;
import energy.mdma.events.Uom;

/** What the parsers need to know about a channel (see MasterDataView). */
public record ChannelInfo(String meterId, int channel, Uom uom, RawUnit rawUnit) {
}
