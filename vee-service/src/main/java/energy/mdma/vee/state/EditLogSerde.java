package energy.mdma.vee.state;

import energy.mdma.kafka.StoreSerde;

/** The serde of {@link EditLog} (its layout: {@link EditLog}'s encode and decode). */
public final class EditLogSerde extends StoreSerde<EditLog> {
    public EditLogSerde() {
        super(EditLog::encode, EditLog::decode);
    }
}
