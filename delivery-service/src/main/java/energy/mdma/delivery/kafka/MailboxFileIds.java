package energy.mdma.delivery.kafka;

import jakarta.inject.Singleton;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** API file id to DocumentPosted.fileId, filled by the mailbox projection, read by the acknowledgement sink. */
@Singleton
public class MailboxFileIds {

    private final Map<String, String> map = new ConcurrentHashMap<>();

    public Map<String, String> map() {
        return map;
    }
}
