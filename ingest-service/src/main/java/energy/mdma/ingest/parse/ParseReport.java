package energy.mdma.ingest.parse;

import java.util.List;

/**
 * The outcome of parsing one file.
 *
 * @param rowsRead         data rows read (CSV: lines after the header, blank lines not counted; CMEP: records)
 * @param rowsAccepted     rows passed to the sink
 * @param rowsRejected     rows rejected
 * @param valuesAccepted   interval values passed to the sink (CMEP: triples; quality N triples excluded)
 * @param readingsAccepted register readings passed to the sink
 * @param rejections       the first {@link ParserOptions#maxReportedRejections()} rejections, in line order
 * @param fileRejection    non-null when the file is rejected whole; then everything the sink received for
 *                         this file must be discarded
 */
public record ParseReport(FileLayout kind, long rowsRead, long rowsAccepted, long rowsRejected, long valuesAccepted,
        long readingsAccepted, List<RejectedRow> rejections, FileRejection fileRejection) {

    public ParseReport {
        rejections = List.copyOf(rejections);
    }

    public boolean fileRejected() {
        return fileRejection != null;
    }
}
