package energy.mdma.delivery.export;

import energy.mdma.events.DocumentContent;
import energy.mdma.events.DocumentPosted;
import energy.mdma.events.MailboxFileKind;

import energy.mdma.delivery.store.Codec;
import energy.mdma.delivery.store.Keys;
import energy.mdma.delivery.store.ViewStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
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
    /** The views' store when the catalogue is kept there ({@link #use}), else null (in memory). */
    private volatile ViewStore db;

    /** Keeps the catalogue in the views' store from now on (nothing of it in memory). */
    public void use(ViewStore store) {
        this.db = store;
    }

    public void add(DocumentPosted d) {
        ViewStore store = db;
        if (store != null) {
            byte[] seen = Keys.of(Keys.CATALOG_SEEN, d.getFileId());
            if (store.get(seen) != null) {
                return;
            }
            store.put(seen, new byte[0]);
        } else if (!known.add(d.getFileId())) {
            return;
        }
        OptionalLong readable = DocumentContent.readableFileSize(d);
        if (readable.isEmpty()) {
            return; // not in the mailbox either (MailboxProjection logs it)
        }
        long size = readable.getAsLong();
        Entry e = new Entry(d.getFileId(), d.getReceiverPartyId(), d.getFileName(),
                d.getKind() == MailboxFileKind.SUMMARY ? "SUMMARY" : "EDI_867", size,
                d.getSha256() == null ? null : d.getSha256().toLowerCase(java.util.Locale.ROOT), d.getCreatedAt());
        if (store != null) {
            store.put(Keys.kind(Keys.CATALOG).text(e.party()).instant(e.postedAt()).text(e.fileId()).bytes(),
                    new Codec.Out().text(e.fileId()).text(e.party()).text(e.name()).text(e.kind()).number(e.size())
                            .text(e.sha256()).instant(e.postedAt()).bytes());
            return;
        }
        List<Entry> list = byParty.computeIfAbsent(e.party(), p -> new ArrayList<>());
        synchronized (list) {
            list.add(e);
        }
    }

    /** The party's files posted in [from, to), oldest first. */
    public List<Entry> posted(String party, Instant from, Instant to) {
        ViewStore store = db;
        if (store != null) {
            List<Entry> out = new ArrayList<>();
            store.scan(Keys.kind(Keys.CATALOG).text(party).bytes(), Keys.kind(Keys.CATALOG).text(party).instant(from).bytes(),
                    (k, v) -> {
                        Codec.In in = new Codec.In(v);
                        Entry e = new Entry(in.text(), in.text(), in.text(), in.text(), in.number(), in.text(), in.instant());
                        if (!e.postedAt().isBefore(to)) {
                            return false;
                        }
                        out.add(e);
                        return true;
                    });
            out.sort(Comparator.comparing(Entry::postedAt).thenComparing(Entry::name));
            return out;
        }
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
