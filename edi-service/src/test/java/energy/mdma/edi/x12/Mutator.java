package energy.mdma.edi.x12;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Seeded mutations of a valid 867 document: segments deleted, duplicated, swapped or renamed, element
 * values corrupted (codes, digits, dates, decimals, lengths, delimiters, control and non-ASCII
 * characters), elements added or removed, control counts and references changed, bytes inserted,
 * deleted or replaced (test only).
 */
final class Mutator {
    static final String[] CODES = { "KA", "QD", "PS", "PD", "150", "151", "582", "BO", "PM", "MG", "6W", "12", "8S",
        "SJ", "8R", "00", "01", "02", "C1", "DD", "KH", "K3", "AA", "PRQ", "51", "1", "X", "ZZ", "PT", "004010",
        "00401", "867", "U", "P", "T", "I", "0", ">", "" };
    static final String[] TAGS = { "ISA", "GS", "ST", "BPT", "REF", "N1", "PTD", "DTM", "QTY", "MEA", "SE", "GE",
        "IEA", "XYZ", "N2", "ref", "TA1" };
    static final String[] NUMBERS = { "-1.5", "1.", ".5", "1E3", "1E-3", "--1", "1.2.3", "-", ".", "E", "007", "-0",
        "0.0000", "1e3", "12345678901234567890", "1234567890123456", "123456789012345", "99999", "0" };
    static final String[] TEXT = { "é", "漢", "\u0085", "\u00a0", "😀", "\t", "\u0000", "\u007f", " ", "^", ":", "*", ">",
        "~", "~\n", "\n", "\r\n" };

    private final Random rnd;

    Mutator(long seed) {
        rnd = new Random(seed);
    }

    /** A named mutation of {@code doc}. */
    record Mutation(String what, byte[] doc) {
    }

    static List<String> segments(byte[] doc) {
        String s = new String(doc, StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>(Arrays.asList(s.split("~\n", -1)));
        out.remove(out.size() - 1); // after the last terminator
        return out;
    }

    static byte[] join(List<String> segments) {
        StringBuilder sb = new StringBuilder();
        for (String s : segments) {
            sb.append(s).append("~\n");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    Mutation mutate(byte[] doc) {
        List<String> segs = segments(doc);
        int k = rnd.nextInt(segs.size());
        int kind = rnd.nextInt(12);
        switch (kind) {
        case 0 -> {
            String s = segs.remove(k);
            return new Mutation("delete segment " + (k + 1) + " " + s, join(segs));
        }
        case 1 -> {
            segs.add(k, segs.get(k));
            return new Mutation("duplicate segment " + (k + 1) + " " + segs.get(k), join(segs));
        }
        case 2 -> {
            int j = rnd.nextBoolean() ? Math.min(segs.size() - 1, k + 1) : rnd.nextInt(segs.size());
            String a = segs.get(k);
            segs.set(k, segs.get(j));
            segs.set(j, a);
            return new Mutation("swap segments " + (k + 1) + " and " + (j + 1), join(segs));
        }
        case 3, 4, 5, 6 -> {
            String[] el = segs.get(k).split("\\*", -1);
            if (el.length < 2 || el[0].equals("ISA")) {
                return bytes(doc);
            }
            int e = 1 + rnd.nextInt(el.length - 1);
            String old = el[e];
            el[e] = value(old);
            segs.set(k, String.join("*", el));
            return new Mutation("segment " + (k + 1) + " " + el[0] + e + ": '" + old + "' -> '" + el[e] + "'",
                    join(segs));
        }
        case 7 -> {
            String s = segs.get(k);
            String m = rnd.nextBoolean() ? s + "*" + pick(CODES) : s.contains("*") ? s.substring(0, s.lastIndexOf('*')) : s + "*";
            segs.set(k, m);
            return new Mutation("segment " + (k + 1) + " '" + s + "' -> '" + m + "'", join(segs));
        }
        case 8 -> {
            String s = segs.get(k);
            int star = s.indexOf('*');
            String m = pick(TAGS) + (star < 0 ? "" : s.substring(star));
            segs.set(k, m);
            return new Mutation("segment " + (k + 1) + " tag '" + s + "' -> '" + m + "'", join(segs));
        }
        case 9 -> {
            // a control count or reference
            List<Integer> control = new ArrayList<>();
            for (int i = 0; i < segs.size(); i++) {
                String t = segs.get(i);
                if (t.startsWith("SE*") || t.startsWith("GE*") || t.startsWith("IEA*") || t.startsWith("ST*")
                        || t.startsWith("GS*")) {
                    control.add(i);
                }
            }
            int i = control.get(rnd.nextInt(control.size()));
            String[] el = segs.get(i).split("\\*", -1);
            int e = el[0].equals("GS") ? 6 : el[0].equals("ST") ? 2 : 1 + rnd.nextInt(2);
            String old = el[e];
            el[e] = switch (rnd.nextInt(4)) {
            case 0 -> Long.toString(Long.parseLong(old) + (rnd.nextBoolean() ? 1 : -1));
            case 1 -> "0" + old;
            case 2 -> old.length() > 1 ? old.substring(1) : old + "1";
            default -> digitsLike(old);
            };
            segs.set(i, String.join("*", el));
            return new Mutation("control " + el[0] + e + ": '" + old + "' -> '" + el[e] + "'", join(segs));
        }
        default -> {
            return bytes(doc);
        }
        }
    }

    private String digitsLike(String old) {
        StringBuilder sb = new StringBuilder(old);
        int i = rnd.nextInt(sb.length());
        sb.setCharAt(i, (char) ('0' + rnd.nextInt(10)));
        return sb.toString();
    }

    private Mutation bytes(byte[] doc) {
        int at = rnd.nextInt(doc.length);
        byte[] b;
        String what;
        switch (rnd.nextInt(3)) {
        case 0 -> {
            byte[] ins = pick(TEXT).getBytes(StandardCharsets.UTF_8);
            if (rnd.nextBoolean()) {
                ins = new byte[] { (byte) (0x20 + rnd.nextInt(95)) };
            }
            b = new byte[doc.length + ins.length];
            System.arraycopy(doc, 0, b, 0, at);
            System.arraycopy(ins, 0, b, at, ins.length);
            System.arraycopy(doc, at, b, at + ins.length, doc.length - at);
            what = "insert " + Arrays.toString(ins) + " at byte " + at;
        }
        case 1 -> {
            b = new byte[doc.length - 1];
            System.arraycopy(doc, 0, b, 0, at);
            System.arraycopy(doc, at + 1, b, at, doc.length - at - 1);
            what = "delete byte " + at + " (" + doc[at] + ")";
        }
        default -> {
            b = doc.clone();
            byte[] choices = { '*', '~', '>', '\n', ' ', '0', '9', 'A', 'Z', '.', '-', 'E', '^', ':', (byte) 0xC3,
                (byte) 0x80, 0x01, 0x7F };
            b[at] = rnd.nextBoolean() ? choices[rnd.nextInt(choices.length)] : (byte) (0x20 + rnd.nextInt(95));
            what = "replace byte " + at + " (" + doc[at] + ") by " + b[at];
        }
        }
        return new Mutation(what, b);
    }

    private String value(String old) {
        return switch (rnd.nextInt(10)) {
        case 0 -> pick(CODES);
        case 1 -> digitsOf(1 + rnd.nextInt(rnd.nextBoolean() ? 10 : 35));
        case 2 -> Integer.toString(1900 + rnd.nextInt(300)) + two(1 + rnd.nextInt(13)) + two(rnd.nextInt(33));
        case 3 -> two(rnd.nextInt(26)) + two(rnd.nextInt(62)) + (rnd.nextBoolean() ? "" : two(rnd.nextInt(61)));
        case 4 -> pick(NUMBERS);
        case 5 -> "x".repeat(pick(new int[] { 2, 3, 4, 9, 10, 15, 16, 29, 30, 31, 59, 60, 61, 79, 80, 81 }));
        case 6 -> {
            int i = old.isEmpty() ? 0 : rnd.nextInt(old.length() + 1);
            yield old.substring(0, i) + pick(TEXT) + old.substring(i);
        }
        case 7 -> "";
        case 8 -> old + pick(new String[] { "0", ".", "-", "x", " ", ">KH", ">", "E1" });
        default -> old.isEmpty() ? "1" : old.substring(0, old.length() - 1);
        };
    }

    private String digitsOf(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append((char) ('0' + rnd.nextInt(10)));
        }
        return sb.toString();
    }

    private static String two(int v) {
        return v < 10 ? "0" + v : Integer.toString(v);
    }

    private String pick(String[] a) {
        return a[rnd.nextInt(a.length)];
    }

    private int pick(int[] a) {
        return a[rnd.nextInt(a.length)];
    }
}
