package energy.mdma.ingest.parse;

/** Validates and emits the rows of one file kind. */
abstract class RowHandler {
    final Ctx ctx;

    RowHandler(Ctx ctx) {
        this.ctx = ctx;
    }

    /** Handles one split row (column count already checked for CSV); throws RowReject to reject it. */
    abstract void row(CsvRow row, long line) throws RowReject;

    /** End of file (not called when the file is rejected whole). */
    void finish() {
        ctx.blocks.flush();
    }
}
