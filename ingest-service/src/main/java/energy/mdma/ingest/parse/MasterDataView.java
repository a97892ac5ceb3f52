package energy.mdma.ingest.parse;

import energy.mdma.ingest.model.ChannelInfo;
import energy.mdma.ingest.model.MarketRole;
import energy.mdma.ingest.model.MeterInfo;

import java.util.List;
import java.util.Optional;

/**
 * The master data the parsers validate against (what is known before the file). Called on the parsing
 * thread, up to once per row (the parsers cache the last meter and channel), so lookups should be
 * in-memory. The tests' InMemoryMasterData is a simple implementation.
 */
public interface MasterDataView {

    /** The meter with this meter_id, if known. */
    Optional<MeterInfo> meter(String meterId);

    /** Channel {@code channel} of the meter, if known. */
    Optional<ChannelInfo> channel(String meterId, int channel);

    /** All known channels of the meter (empty if none), used by CMEP channel resolution. */
    List<ChannelInfo> channels(String meterId);

    /** The role of a known party (used to check a meter's udc_id and esp_id). */
    Optional<MarketRole> partyRole(String partyId);

    /** Known meters of a service account (used to check that all meters of an account share one read cycle). */
    List<MeterInfo> metersOfAccount(String serviceAccount);
}
