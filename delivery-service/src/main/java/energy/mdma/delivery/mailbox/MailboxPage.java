package energy.mdma.delivery.mailbox;

import java.util.List;

/** One page of a listing, oldest first; {@code nextCursor} is null on the last page. */
public record MailboxPage(List<MailboxFile> items, String nextCursor) {
}
