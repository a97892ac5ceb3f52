package energy.mdma.ingest.files;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.time.Instant;
import java.util.List;

/**
 * The ingest report of one file (input-formats.md section 4), as answered by the API and kept on disk next to the
 * raw file. {@code status} is PROCESSING while the file runs (counts so far), then COMPLETED or REJECTED (the
 * whole file; {@code problem} says why). {@code duplicate} is true only in the answer to a re-sent file.
 */
@JsonPropertyOrder({"fileId", "name", "kind", "sha256", "size", "status", "rowsRead", "rowsAccepted", "rowsRejected",
        "duplicate", "problem", "problemLine", "submittedBy", "receivedAt", "completedAt", "valuesAccepted",
        "readingsAccepted", "rejections"})
public record FileReport(String fileId, String name, String kind, String sha256, long size, String status,
        long rowsRead, long rowsAccepted, long rowsRejected, boolean duplicate, String problem, Long problemLine,
        String submittedBy, Instant receivedAt, Instant completedAt, long valuesAccepted, long readingsAccepted,
        List<Row> rejections) {

    public static final String PROCESSING = "PROCESSING";
    public static final String COMPLETED = "COMPLETED";
    public static final String REJECTED = "REJECTED";

    /** A rejected row: line (header = 1) and reason. */
    public record Row(long line, String reason) {
    }

    public FileReport {
        rejections = rejections == null ? List.of() : List.copyOf(rejections);
    }

    public FileReport asDuplicate() {
        return new FileReport(fileId, name, kind, sha256, size, status, rowsRead, rowsAccepted, rowsRejected, true,
                problem, problemLine, submittedBy, receivedAt, completedAt, valuesAccepted, readingsAccepted,
                rejections);
    }

    public boolean rejectedWhole() {
        return REJECTED.equals(status);
    }
}
