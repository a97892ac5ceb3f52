package energy.mdma.edi.store;

/** The serde of {@link PostedSummary}: its hex digits. */
public final class PostedSummarySerde extends TextSerde<PostedSummary> {
    public PostedSummarySerde() {
        super(PostedSummary::sha256Hex, PostedSummary::new);
    }
}
