package energy.mdma.delivery.mailbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * The summary served on request is the newest one posted to the party's mailbox (edi-867.md: "the summary
 * served on request has the same content as the newest one posted").
 */
public class MailboxSummaryProvider implements SummaryProvider {

    private final MailboxStore store;
    private final FileContentStore content;

    public MailboxSummaryProvider(MailboxStore store, FileContentStore content) {
        this.store = store;
        this.content = content;
    }

    @Override
    public Optional<Summary> current(String party) {
        Optional<MailboxFile> latest = store.latest(party, FileKind.SUMMARY);
        if (latest.isEmpty()) {
            return Optional.empty();
        }
        try {
            MailboxFile f = latest.get();
            return content.read(f.sha256()).map(bytes -> new Summary(f.name(), bytes, f.postedAt()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
