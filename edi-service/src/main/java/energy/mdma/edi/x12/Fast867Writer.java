package energy.mdma.edi.x12;

import energy.mdma.edi.model.Interchange867;
import energy.mdma.edi.model.InterchangeHeader;
import energy.mdma.edi.model.TransactionSet;

import java.util.List;

/** STAND-IN (replaced by the fast writer): delegates to StAEDI's writer. */
public final class Fast867Writer {
    private final Edi867Writer writer = new Edi867Writer();

    public RenderedSet renderSet(TransactionSet ts) {
        return new RenderedSet(ts);
    }

    public byte[] interchange(InterchangeHeader h, List<RenderedSet> sets) {
        return writer.render(new Interchange867(h, sets.stream().map(s -> s.set).toList()));
    }

    public byte[] render(Interchange867 ic) {
        return writer.render(ic);
    }
}
