package energy.mdma.ingest.parse;

/**
 * Why a whole file was rejected (wrong header, not UTF-8 text). {@code line} is the line where the
 * problem was found (1 = the header or first line), 0 when it concerns no particular line.
 */
public record FileRejection(long line, String reason) {
}
