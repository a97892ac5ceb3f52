package energy.mdma.delivery.kafka;

import jakarta.inject.Singleton;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * API file id to DocumentPosted.fileId, filled by the mailbox projection, read by the acknowledgement sink: in memory
 * ({@link #map()}), or the projection's state in the views' store once {@link #use} was called.
 */
@Singleton
public class MailboxFileIds {

    private final Map<String, String> map = new ConcurrentHashMap<>();
    private volatile ProjectionState state;

    public Map<String, String> map() {
        return map;
    }

    /** Answers from the projection's state from now on. */
    public void use(ProjectionState state) {
        this.state = state;
    }

    /** DocumentPosted.fileId of an API id, or null. */
    public String fileIdOf(String apiId) {
        ProjectionState s = state;
        return s != null ? s.fileIdOf(apiId) : map.get(apiId);
    }
}
