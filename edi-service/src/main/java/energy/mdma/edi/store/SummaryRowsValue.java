package energy.mdma.edi.store;

import energy.mdma.edi.decision.SummarySchedule;

import java.util.List;

/**
 * A value of {@code edi-summary-rows}: under a row's key the row ({@code versionMillis,csvLine},
 * {@link SummarySchedule.StoredRow}), under a key of the former format the account-period's CSV lines joined by LF.
 * The key says which; the text is parsed when {@link #row()} or {@link #formerLines()} is asked for.
 */
public final class SummaryRowsValue {
    private final String text;

    SummaryRowsValue(String text) {
        this.text = text;
    }

    public static SummaryRowsValue of(SummarySchedule.StoredRow row) {
        return new SummaryRowsValue(row.format());
    }

    /** A value of the former format: an account-period's lines. */
    public static SummaryRowsValue former(List<String> lines) {
        return new SummaryRowsValue(String.join("\n", lines));
    }

    public SummarySchedule.StoredRow row() {
        return SummarySchedule.StoredRow.parse(text);
    }

    public List<String> formerLines() {
        return List.of(text.split("\n"));
    }

    String text() {
        return text;
    }
}
