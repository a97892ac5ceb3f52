package energy.mdma.delivery.archive;

import energy.mdma.delivery.store.Codec;
import energy.mdma.delivery.store.Keys;
import energy.mdma.delivery.store.ViewStore;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The {@link ArchiveIndex} in the {@link ViewStore}: the original reports by (party, account, file, position), the
 * cancelled report ids, the accounts and the files indexed, so that nothing of it is held in memory and a restart
 * reads it back instead of replaying the documents.
 */
public class StoredArchiveIndex extends ArchiveIndex {

    private final ViewStore db;

    public StoredArchiveIndex(ViewStore db) {
        this.db = Objects.requireNonNull(db);
    }

    @Override
    public void add(String party, String fileId, List<PostedReport> reports) {
        byte[] seen = Keys.kind(Keys.ARCHIVED).text(party).text(fileId).bytes();
        if (db.get(seen) != null) {
            return;
        }
        for (PostedReport r : reports) {
            if (r.original()) {
                db.put(Keys.kind(Keys.REPORT).text(party).text(r.account()).text(r.fileId()).integer(r.position()).bytes(),
                        encode(r));
                db.put(Keys.kind(Keys.ACCOUNT).text(party).text(r.account()).bytes(), new byte[0]);
            } else if (r.cancelledReportId() != null) {
                db.put(Keys.kind(Keys.CANCELLED).text(party).text(r.cancelledReportId()).bytes(), new byte[0]);
            }
        }
        db.put(seen, new byte[0]);
    }

    @Override
    public void cancel(String party, String reportId) {
        db.put(Keys.kind(Keys.CANCELLED).text(party).text(reportId).bytes(), new byte[0]);
    }

    @Override
    public List<PostedReport> current(String party, String account, LocalDate from, LocalDate to) {
        List<PostedReport> candidates = new ArrayList<>();
        db.scan(Keys.kind(Keys.REPORT).text(party).text(account).bytes(), (k, v) -> {
            PostedReport r = decode(v);
            if (r.overlaps(from, to)
                    && db.get(Keys.kind(Keys.CANCELLED).text(party).text(r.reportId()).bytes()) == null) {
                candidates.add(r);
            }
            return true;
        });
        return PostedReport.newestPerPeriod(candidates);
    }

    @Override
    public List<String> accounts(String party) {
        byte[] prefix = Keys.kind(Keys.ACCOUNT).text(party).bytes();
        List<String> out = new ArrayList<>();
        db.scan(prefix, (k, v) -> {
            out.add(Keys.lastText(k, prefix.length));
            return true;
        });
        return out;
    }

    @Override
    public boolean knows(String party, String fileId) {
        return db.get(Keys.kind(Keys.ARCHIVED).text(party).text(Objects.requireNonNull(fileId)).bytes()) != null;
    }

    private static byte[] encode(PostedReport r) {
        return new Codec.Out().text(r.fileId()).text(r.sha256()).text(r.fileName()).instant(r.createdAt())
                .number(r.isa13()).number(r.position()).text(r.reportId()).number(r.original() ? 1 : 0)
                .text(r.cancelledReportId()).text(r.account()).date(r.periodStart()).date(r.periodEnd()).bytes();
    }

    private static PostedReport decode(byte[] v) {
        Codec.In in = new Codec.In(v);
        return new PostedReport(in.text(), in.text(), in.text(), in.instant(), in.number(), (int) in.number(),
                in.text(), in.number() == 1, in.text(), in.text(), in.date(), in.date());
    }
}
