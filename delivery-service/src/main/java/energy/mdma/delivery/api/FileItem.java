package energy.mdma.delivery.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import energy.mdma.delivery.mailbox.DocumentKind;
import energy.mdma.delivery.mailbox.MailboxFile;

import java.time.Instant;

/** One listed file. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record FileItem(String id, String name, DocumentKind kind, long size, String sha256, Instant postedAt,
                       Instant retrievedAt) {

    public static FileItem of(MailboxFile f) {
        return new FileItem(f.id(), f.name(), f.kind(), f.size(), f.sha256(), f.postedAt(), f.retrievedAt());
    }
}
