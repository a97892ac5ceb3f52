package energy.mdma.edi.x12;

import energy.mdma.edi.model.AccountPeriodReport;
import energy.mdma.edi.model.TransactionSet;

/** STAND-IN (replaced by the fast writer's version): one transaction set rendered once, re-identified per receiver. */
public final class RenderedSet {
    final TransactionSet set;

    RenderedSet(TransactionSet set) {
        this.set = set;
    }

    public byte[] bytes() {
        throw new UnsupportedOperationException("stand-in");
    }

    public int segmentCount() {
        throw new UnsupportedOperationException("stand-in");
    }

    public int intervals() {
        return set.report().meters().stream().flatMap(m -> m.channels().stream())
                .mapToInt(c -> c.intervals() == null ? 0 : c.intervals().size()).sum();
    }

    public String reportId() {
        return set.report().reportId();
    }

    public RenderedSet withIds(long st02, String reportId) {
        AccountPeriodReport r = set.report();
        return new RenderedSet(new TransactionSet(st02, new AccountPeriodReport(r.serviceAccount(), r.periodStart(),
                r.periodEnd(), r.udc(), r.esp(), r.customerName(), r.intervalAccount(), reportId, r.purpose(),
                r.cancelledReportId(), r.created(), r.meters())));
    }
}
