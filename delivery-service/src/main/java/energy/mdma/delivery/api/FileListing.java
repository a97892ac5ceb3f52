package energy.mdma.delivery.api;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** A page of a mailbox listing; nextCursor is null on the last page. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record FileListing(List<FileItem> items, String nextCursor) {
}
