package energy.mdma.vee.state;

import energy.mdma.kafka.StoreSerde;
import energy.mdma.events.ChannelPeriodResult;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * The serde of {@link PublishedResult}: writes its compact layout; reads that and the Avro binary of
 * {@link ChannelPeriodResult} that earlier versions stored.
 *
 * @see PublishedResult#decode
 */
public final class PublishedResultSerde extends StoreSerde<PublishedResult> {
    /** @param legacy reads a value written as Avro binary by an earlier version */
    public PublishedResultSerde(Deserializer<ChannelPeriodResult> legacy) {
        super(PublishedResult::encode, bytes -> PublishedResult.decode(bytes, legacy));
    }
}
