package energy.mdma.x12;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The interchange envelope of an MDMA 867 file (edi-867.md): ISA and GS*PT before the transaction sets, GE and
 * IEA after them, element separator {@code *}, component separator {@code >}, each segment terminated by
 * {@code ~} and a line feed. ISA01..ISA04 carry no authorization or security information, ISA05/ISA07 are
 * qualifier 01 (D-U-N-S), ISA12 is 00401, ISA14 0 (no acknowledgment requested), GS08 004010; the times are
 * UTC, to the minute.
 *
 * <p>Refuses, with an {@link IllegalArgumentException}, what would not fit the fixed-length ISA or the control
 * elements: a sender or receiver that is not 2..15 printable ASCII characters or holds a separator, a year
 * outside 1..9999, control numbers outside 1..999999999, a usage indicator other than P or T.
 *
 * @param senderId                 ISA06 (padded to 15) and GS02
 * @param receiverId               ISA08 (padded to 15) and GS03
 * @param created                  ISA09/ISA10 and GS04/GS05, in UTC
 * @param interchangeControlNumber ISA13 and IEA02 (9 digits, zero padded)
 * @param groupControlNumber       GS06 and GE02
 * @param usage                    ISA15: P (production) or T (test)
 */
public record X12Envelope(String senderId, String receiverId, Instant created, long interchangeControlNumber,
                          long groupControlNumber, String usage) {

    public static final char ELEMENT_SEPARATOR = '*';
    public static final char COMPONENT_SEPARATOR = '>';
    public static final char SEGMENT_TERMINATOR = '~';
    /** What ends each segment: the terminator and a line feed. */
    public static final String SEGMENT_END = SEGMENT_TERMINATOR + "\n";
    /** ISA12, the interchange control version. */
    public static final String ISA_VERSION = "00401";
    /** GS08, the version of the transaction sets. */
    public static final String GS_VERSION = "004010";
    /** GS01: product transfer and resale (867). */
    public static final String FUNCTIONAL_ID = "PT";
    /** ISA06/ISA08 width. */
    public static final int ID_WIDTH = 15;
    /** The length of the ISA segment up to and including its terminator. */
    public static final int ISA_LENGTH = 106;
    public static final long MAX_CONTROL_NUMBER = 999_999_999L;
    /** GE01 (E97) has at most 6 digits. */
    public static final int MAX_TRANSACTION_SETS = 999_999;

    private static final int MIN_YEAR = 1;
    private static final int MAX_YEAR = 9999;

    public X12Envelope {
        checkId("ISA06/GS02 sender", senderId);
        checkId("ISA08/GS03 receiver", receiverId);
        if (created == null) {
            throw new IllegalArgumentException("created is missing");
        }
        int year = day(created).getYear();
        if (year < MIN_YEAR || year > MAX_YEAR) {
            throw new IllegalArgumentException("ISA09/GS04 created " + created + ": year outside " + MIN_YEAR + ".."
                    + MAX_YEAR);
        }
        checkControlNumber("ISA13/IEA02 interchange control number", interchangeControlNumber);
        checkControlNumber("GS06/GE02 group control number", groupControlNumber);
        if (!"P".equals(usage) && !"T".equals(usage)) {
            throw new IllegalArgumentException("ISA15 usage '" + usage + "': not one of the codes P, T");
        }
    }

    private static void checkId(String element, String id) {
        if (id == null || id.length() < 2 || id.length() > ID_WIDTH) {
            throw new IllegalArgumentException(element + " '" + id + "': 2.." + ID_WIDTH + " characters allowed");
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c < 0x20 || c > 0x7E || c == ELEMENT_SEPARATOR || c == COMPONENT_SEPARATOR || c == SEGMENT_TERMINATOR) {
                throw new IllegalArgumentException(element + " '" + id + "': character at position " + (i + 1)
                        + " is not printable ASCII or is a separator");
            }
        }
    }

    private static void checkControlNumber(String element, long n) {
        if (n < 1 || n > MAX_CONTROL_NUMBER) {
            throw new IllegalArgumentException(element + " out of range: " + n);
        }
    }

    private static LocalDate day(Instant t) {
        return LocalDate.ofEpochDay(Math.floorDiv(t.getEpochSecond(), 86_400L));
    }

    /** ISA13/IEA02 as written: 9 digits, zero padded. */
    public String isa13() {
        return isa13(interchangeControlNumber);
    }

    /** An interchange control number as ISA13/IEA02 carry it: 9 digits, zero padded. */
    public static String isa13(long interchangeControlNumber) {
        return String.format("%09d", interchangeControlNumber);
    }

    /** ISA and GS, ASCII. */
    public byte[] header() {
        LocalDate day = day(created);
        int minute = (int) (Math.floorMod(created.getEpochSecond(), 86_400L) / 60);
        String hhmm = String.format("%02d%02d", minute / 60, minute % 60);
        StringBuilder s = new StringBuilder(200);
        segment(s, "ISA", "00", " ".repeat(10), "00", " ".repeat(10), "01", pad(senderId), "01", pad(receiverId),
                String.format("%02d%02d%02d", day.getYear() % 100, day.getMonthValue(), day.getDayOfMonth()), hhmm,
                "U", ISA_VERSION, isa13(), "0", usage, String.valueOf(COMPONENT_SEPARATOR));
        segment(s, "GS", FUNCTIONAL_ID, senderId, receiverId,
                String.format("%04d%02d%02d", day.getYear(), day.getMonthValue(), day.getDayOfMonth()), hhmm,
                Long.toString(groupControlNumber), "X", GS_VERSION);
        return ascii(s);
    }

    /** GE and IEA, ASCII, for a group of {@code transactionSets} sets (1..{@value #MAX_TRANSACTION_SETS}). */
    public byte[] trailer(int transactionSets) {
        if (transactionSets < 1 || transactionSets > MAX_TRANSACTION_SETS) {
            throw new IllegalArgumentException("GE01 " + transactionSets + " transaction sets, 1.."
                    + MAX_TRANSACTION_SETS + " allowed");
        }
        StringBuilder s = new StringBuilder(40);
        segment(s, "GE", Integer.toString(transactionSets), Long.toString(groupControlNumber));
        segment(s, "IEA", "1", isa13());
        return ascii(s);
    }

    private static String pad(String id) {
        return id + " ".repeat(ID_WIDTH - id.length());
    }

    private static void segment(StringBuilder s, String id, String... elements) {
        s.append(id);
        for (String e : elements) {
            s.append(ELEMENT_SEPARATOR).append(e);
        }
        s.append(SEGMENT_END);
    }

    private static byte[] ascii(StringBuilder s) {
        return s.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
