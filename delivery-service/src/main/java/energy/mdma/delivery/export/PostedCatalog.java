package energy.mdma.delivery.export;

import energy.mdma.events.DocumentPosted;
import energy.mdma.events.MailboxFileKind;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every file posted to each party, from the posted documents of the log (mdma.edi.documents, kept 3 years and 90
 * days): the archive the contingency export reads, independent of the mailboxes' state (retrieved or not). The bytes
 * are in the content store under their SHA-256. Thread-safe.
 */
@jakarta.inject.Singleton
public class PostedCatalog {

    /** One posted file. */
    public record Entry(String fileId, String party, String name, String kind, long size, String sha256,
                        Instant postedAt) {
    }

    private final Map<String, List<Entry>> byParty = new ConcurrentHashMap<>();
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    public void add(DocumentPosted d) {
        if (!known.add(d.getFileId())) {
            return;
        }
        Entry e = new Entry(d.getFileId(), d.getReceiverPartyId(), d.getFileName(),
                d.getKind() == MailboxFileKind.SUMMARY ? "SUMMARY" : "EDI_867", d.getContent().remaining(),
                d.getSha256() == null ? null : d.getSha256().toLowerCase(java.util.Locale.ROOT), d.getCreatedAt());
        List<Entry> list = byParty.computeIfAbsent(e.party(), p -> new ArrayList<>());
        synchronized (list) {
            list.add(e);
        }
    }

    /** The party's files posted in [from, to), oldest first. */
    public List<Entry> posted(String party, Instant from, Instant to) {
        List<Entry> list = byParty.get(party);
        if (list == null) {
            return List.of();
        }
        List<Entry> out;
        synchronized (list) {
            out = new ArrayList<>(list.stream().filter(e -> !e.postedAt().isBefore(from) && e.postedAt().isBefore(to)).toList());
        }
        out.sort(Comparator.comparing(Entry::postedAt).thenComparing(Entry::name));
        return out;
    }
}
