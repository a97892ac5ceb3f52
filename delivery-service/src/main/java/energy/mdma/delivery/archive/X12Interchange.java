package energy.mdma.delivery.archive;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import energy.mdma.x12.X12Envelope;

/**
 * Text-level handling of the MDMA's own X12 867 files (edi-867.md: element separator from ISA, segment
 * terminator {@code ~} followed by a line feed): splits an interchange into its ISA, GS and transaction sets
 * (ST..SE), and writes a new interchange around transaction sets with the right counts and control numbers
 * (the envelope by {@link X12Envelope}).
 */
public final class X12Interchange {

    /** One segment's elements (element 0 is the segment id). */
    public record Segment(List<String> elements) {
        public String id() {
            return elements.get(0);
        }

        public String get(int i) {
            return i < elements.size() ? elements.get(i) : "";
        }
    }

    /** A parsed interchange: ISA and GS elements, the transaction sets (each ST..SE). */
    public record Parsed(char elementSeparator, char segmentTerminator, Segment isa, Segment gs,
                         List<List<Segment>> transactionSets) {

        /** The transaction set whose BPT02 (report id) is {@code reportId}. */
        public Optional<List<Segment>> transactionSet(String reportId) {
            for (List<Segment> ts : transactionSets) {
                for (Segment s : ts) {
                    if (s.id().equals("BPT")) {
                        if (s.get(2).equals(reportId)) {
                            return Optional.of(ts);
                        }
                        break;
                    }
                }
            }
            return Optional.empty();
        }
    }

    private X12Interchange() {
    }

    public static Parsed parse(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int start = text.indexOf("ISA");
        if (start < 0 || text.length() < start + 106) {
            throw new IllegalArgumentException("not an X12 interchange");
        }
        char el = text.charAt(start + 3);
        char term = text.charAt(start + 105);
        List<Segment> segments = new ArrayList<>();
        int i = start;
        while (i < text.length()) {
            int end = text.indexOf(term, i);
            if (end < 0) {
                end = text.length();
            }
            String seg = text.substring(i, end).strip();
            if (!seg.isEmpty()) {
                segments.add(new Segment(List.of(seg.split(java.util.regex.Pattern.quote(String.valueOf(el)), -1))));
            }
            i = end + 1;
        }
        Segment isa = null;
        Segment gs = null;
        List<List<Segment>> sets = new ArrayList<>();
        List<Segment> current = null;
        for (Segment s : segments) {
            switch (s.id()) {
                case "ISA" -> isa = isa == null ? s : isa;
                case "GS" -> gs = gs == null ? s : gs;
                case "ST" -> {
                    current = new ArrayList<>();
                    current.add(s);
                }
                case "SE" -> {
                    if (current != null) {
                        current.add(s);
                        sets.add(current);
                        current = null;
                    }
                }
                default -> {
                    if (current != null) {
                        current.add(s);
                    }
                }
            }
        }
        if (isa == null || gs == null) {
            throw new IllegalArgumentException("no ISA/GS envelope");
        }
        return new Parsed(el, term, isa, gs, sets);
    }

    /**
     * A new interchange (one functional group, the {@link X12Envelope} of edi-867.md) holding {@code sets}, whose
     * ISA and GS take the template's sender, receiver and usage indicator, with control number {@code control} for
     * ISA13/IEA02 and GS06/GE02, ST02/SE02 renumbered from 0001 and SE01 recounted.
     */
    public static byte[] write(Parsed template, List<List<Segment>> sets, long control, Instant at) {
        Segment isa = template.isa();
        X12Envelope envelope = new X12Envelope(isa.get(6).strip(), isa.get(8).strip(), at, control, control,
                isa.get(15).strip());
        String e = String.valueOf(X12Envelope.ELEMENT_SEPARATOR);
        StringBuilder sb = new StringBuilder();
        int n = 0;
        for (List<Segment> set : sets) {
            n++;
            String st02 = String.format("%04d", n);
            int count = 0;
            for (Segment s : set) {
                List<String> out = new ArrayList<>(s.elements());
                count++;
                if (s.id().equals("ST")) {
                    out.set(2, st02);
                } else if (s.id().equals("SE")) {
                    out.set(1, Integer.toString(count));
                    out.set(2, st02);
                }
                sb.append(String.join(e, out)).append(X12Envelope.SEGMENT_END);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(sb.length() + 300);
        out.writeBytes(envelope.header());
        out.writeBytes(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(envelope.trailer(n));
        return out.toByteArray();
    }
}
