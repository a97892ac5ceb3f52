package energy.mdma.edi.naming;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/**
 * File names of the MDMA's postings (edi-867.md), the time being the file's creation in UTC:
 * {@code {mdma id}_867_{receiver party id}_{CCYYMMDDHHMMSS}_{ISA13}.x12} and
 * {@code {mdma id}_SUMMARY_{receiver party id}_{CCYYMMDDHHMMSS}.csv} (a summary in parts:
 * {@code ..._{CCYYMMDDHHMMSS}_{part}.csv}).
 */
public final class FileNames {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);
    /** The MDMA's own id: no underscore, so that a name splits unambiguously at its first underscores. */
    private static final Pattern MDMA_ID = Pattern.compile("[A-Za-z0-9-]+");
    /** A receiver's party id, as input-formats.md allows it ({@code [A-Z0-9_-]{2,20}}): underscores included. */
    private static final Pattern PARTY_ID = Pattern.compile("[A-Za-z0-9_-]+");

    private FileNames() {
    }

    /** {@code {mdmaId}_867_{receiverId}_{CCYYMMDDHHMMSS}_{ISA13}.x12}, ISA13 as 9 digits. */
    public static String x12(String mdmaId, String receiverPartyId, Instant createdUtc, long interchangeControlNumber) {
        if (interchangeControlNumber < 1 || interchangeControlNumber > 999_999_999L) {
            throw new IllegalArgumentException("ISA13 out of range: " + interchangeControlNumber);
        }
        return check(MDMA_ID, mdmaId) + "_867_" + check(PARTY_ID, receiverPartyId) + "_" + STAMP.format(createdUtc) + "_"
                + String.format("%09d", interchangeControlNumber) + ".x12";
    }

    /** {@code {mdmaId}_SUMMARY_{receiverId}_{CCYYMMDDHHMMSS}.csv}. */
    public static String summary(String mdmaId, String receiverPartyId, Instant createdUtc) {
        return check(MDMA_ID, mdmaId) + "_SUMMARY_" + check(PARTY_ID, receiverPartyId) + "_" + STAMP.format(createdUtc) + ".csv";
    }

    /**
     * {@code {mdmaId}_SUMMARY_{receiverId}_{CCYYMMDDHHMMSS}_{part}.csv}: one part (from 1) of a summary of more than
     * 100,000 rows; all parts of one summary have the same time.
     */
    public static String summaryPart(String mdmaId, String receiverPartyId, Instant createdUtc, int part) {
        if (part < 1) {
            throw new IllegalArgumentException("summary part numbers start at 1: " + part);
        }
        String whole = summary(mdmaId, receiverPartyId, createdUtc);
        return whole.substring(0, whole.length() - ".csv".length()) + "_" + part + ".csv";
    }

    private static String check(Pattern pattern, String id) {
        if (!pattern.matcher(id).matches()) {
            throw new IllegalArgumentException("party id not usable in a file name: '" + id + "'");
        }
        return id;
    }
}
