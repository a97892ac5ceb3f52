package energy.mdma.ingest.parse;

/** The input is not valid UTF-8; the whole file is rejected. */
final class NotUtf8Exception extends Exception {
    private static final long serialVersionUID = 1L;
    final long line;

    NotUtf8Exception(long line, long byteOffset, int badByte) {
        super("not UTF-8 text: invalid byte 0x" + String.format("%02X", badByte & 0xFF) + " at line " + line
                + " (byte offset " + byteOffset + "); save or export the file as UTF-8 and send it again", null,
                false, false);
        this.line = line;
    }
}
