package energy.mdma.edi.x12;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.xlate.edi.schema.EDIComplexType;
import io.xlate.edi.schema.EDIReference;
import io.xlate.edi.schema.EDISimpleType;
import io.xlate.edi.schema.EDISyntaxRule;
import io.xlate.edi.schema.EDIType;

import energy.mdma.x12.X12Envelope;

/**
 * A compiled checker of OUR 867 interchanges, one pass over the bytes without allocating per element:
 * the transaction content as the 867 schema ({@code /x12/004010/867.xml}) defines it, compiled once
 * from the schema StAEDI loads ({@link Edi867Schemas#transaction()}): segment order and loops with their
 * repeats, element presence, types, lengths, code lists and syntax rules; and the envelope as StAEDI's
 * X12 control schema defines it (ISA, GS, ST, SE, GE, IEA with SE01 = segment count, SE02 = ST02,
 * GE01 = number of sets, GE02 = GS06, IEA01 = 1, IEA02 = ISA13), with StAEDI's own rules for each type
 * (lengths in UTF-16 units without sign or decimal point, dates and times as its validators read them,
 * counts and references compared as text).
 *
 * <p>It accepts nothing that StAEDI's validating reader (configured as {@link Edi867Reader} does)
 * refuses. It is deliberately STRICTER than StAEDI on these points, each reported as "(867 profile)"
 * (see {@link Finding#beyondSchema()}), because they are edi-867.md's rules for our documents and StAEDI
 * does not check them:
 * <ul>
 * <li>framing: each segment ends with {@code ~} and a line feed, nothing else stands between segments
 * or after IEA, and no control character (C0, DEL or C1) stands anywhere; StAEDI, told to ignore
 * extraneous characters, silently drops white space and control characters, even inside an element;</li>
 * <li>the envelope's fixed values: ISA01/03 {@code 00} with blank ISA02/04, ISA05/07 {@code 01}, ISA11
 * {@code U}, ISA12 {@code 00401}, ISA14 {@code 0}, ISA15 {@code P} or {@code T}, ISA16 {@code >},
 * ISA06/ISA08 = GS02/GS03 padded to 15, GS01 {@code PT}, GS07 {@code X}, GS08 {@code 004010},
 * ST01 {@code 867} and no ST03 (StAEDI lets an ST03 pass in some sets), exactly one functional group with at least one transaction set, and no ISB, ISE or
 * TA1 (StAEDI's control schema allows other codes and versions);</li>
 * <li>no exponent ({@code E}) in a decimal element (edi-867.md: "no exponent"; StAEDI's decimal allows
 * one).</li>
 * </ul>
 * Characters outside the Basic Multilingual Plane are refused as StAEDI's reader refuses them.
 *
 * <p>Thread-safe: the compiled model is immutable, each call has its own small state.
 */
public final class Edi867Checker {

    /** One finding: the message, and whether it is a rule of our profile beyond StAEDI's schemas. */
    public record Finding(String message, boolean beyondSchema) {
    }

    private static final int MAX_FINDINGS = 50;

    /** Whether a run checks the intervals' QTY and DTM segments of the writer's form by {@link IntervalForms}. */
    private final boolean intervalForms;

    /** The checker the service uses. */
    public Edi867Checker() {
        this(true);
    }

    private Edi867Checker(boolean intervalForms) {
        this.intervalForms = intervalForms;
    }

    /** The same checks with every segment taken through the generic element walk (tests compare the two). */
    static Edi867Checker withoutIntervalForms() {
        return new Edi867Checker(false);
    }

    // ------------------------------------------------------------------ compiled model

    enum Base { AN, ID, DT, TM, R, N0 }

    /** A simple element, or a composite with its components. */
    static final class ElementSpec {
        final String id;
        final Base base;
        final int kind; // base as an int for the hot switch: 0 AN/ID, 1 DT, 2 TM, 3 R/N0
        final int min;
        final int max;
        final boolean required;
        final byte[][] codes; // null: any value
        final int[] packed; // the codes of at most 3 bytes packed as tags are, sorted (binary search), or null
        final boolean codesOurs; // the code list is our profile's, narrower than StAEDI's
        final ElementSpec[] components; // null: a simple element

        ElementSpec(String id, Base base, int min, int max, boolean required, byte[][] codes, boolean codesOurs) {
            this.id = id;
            this.base = base;
            this.kind = switch (base) {
            case AN, ID -> 0;
            case DT -> 1;
            case TM -> 2;
            case R, N0 -> 3;
            };
            this.min = min;
            this.max = max;
            this.required = required;
            this.codes = codes;
            this.packed = pack(codes);
            this.codesOurs = codesOurs;
            this.components = null;
        }

        private static int[] pack(byte[][] codes) {
            if (codes == null) {
                return null;
            }
            int[] p = new int[codes.length];
            for (int i = 0; i < codes.length; i++) {
                if (codes[i].length == 0 || codes[i].length > 3) {
                    return null;
                }
                for (byte b : codes[i]) {
                    p[i] = (p[i] << 8) | (b & 0xFF);
                }
            }
            java.util.Arrays.sort(p); // code lists run to hundreds of codes (QTY01, DTM01, 355)
            return p;
        }

        ElementSpec(String id, boolean required, ElementSpec[] components) {
            this.id = id;
            this.base = null;
            this.kind = -1;
            this.min = 0;
            this.max = 0;
            this.required = required;
            this.codes = null;
            this.packed = null;
            this.codesOurs = false;
            this.components = components;
        }
    }

    enum Rule { REQUIRED, PAIRED, CONDITIONAL, EXCLUSION, LIST }

    /** A syntax rule, with its positions as bit masks of the elements present (bit 0: element 1). */
    record SyntaxRule(Rule type, int[] positions, String text, long mask, long anchor) {
        SyntaxRule(Rule type, int[] positions, String text) {
            this(type, positions, text, mask(positions), 1L << (positions[0] - 1));
        }

        private static long mask(int[] positions) {
            long m = 0;
            for (int p : positions) {
                if (p < 1 || p > 63) {
                    throw new IllegalStateException("syntax rule position " + p);
                }
                m |= 1L << (p - 1);
            }
            return m;
        }

        boolean broken(long present) {
            long used = present & mask;
            return switch (type) {
            case REQUIRED -> used == 0;
            case PAIRED -> used != 0 && used != mask;
            case CONDITIONAL -> (present & anchor) != 0 && used != mask;
            case EXCLUSION -> Long.bitCount(used) > 1;
            case LIST -> (present & anchor) != 0 && (used & ~anchor) == 0;
            };
        }
    }

    static final class SegmentSpec {
        private static final java.util.concurrent.atomic.AtomicInteger COUNT = new java.util.concurrent.atomic.AtomicInteger();

        final String tag;
        final ElementSpec[] elements;
        final SyntaxRule[] rules;
        final boolean moreElementsOurs; // StAEDI lets more elements pass (ST03 of later versions)
        final int index; // of the specs built, from 0: a run's memo of the rules' verdict per spec
        final long ruleElements; // the elements any syntax rule looks at (bit 0: element 1)

        SegmentSpec(String tag, ElementSpec[] elements, SyntaxRule[] rules) {
            this(tag, elements, rules, false);
        }

        SegmentSpec(String tag, ElementSpec[] elements, SyntaxRule[] rules, boolean moreElementsOurs) {
            this.tag = tag;
            this.elements = elements;
            this.rules = rules;
            this.moreElementsOurs = moreElementsOurs;
            this.index = COUNT.getAndIncrement();
            long looked = 0;
            for (SyntaxRule r : rules) {
                looked |= r.mask() | r.anchor();
            }
            this.ruleElements = looked;
        }
    }

    /** A segment or a loop of the transaction's structure. */
    static final class Node {
        final String id;
        final int tag; // the segment's tag, or the loop's first segment's
        final int min;
        final int max;
        final SegmentSpec segment; // null for a loop
        final Node[] children; // null for a segment
        final int[] childTags; // the children's tags (place's search reads one array, not each child), or null

        Node(String id, int tag, int min, int max, SegmentSpec segment, Node[] children) {
            this.id = id;
            this.tag = tag;
            this.min = min;
            this.max = max;
            this.segment = segment;
            this.children = children;
            this.childTags = children == null ? null : java.util.Arrays.stream(children).mapToInt(c -> c.tag).toArray();
        }

        boolean isLoop() {
            return children != null;
        }

        String firstSegmentId() {
            return isLoop() ? children[0].firstSegmentId() : id;
        }
    }

    private static final Node TRANSACTION;
    private static final int MAX_DEPTH;
    private static final int MAX_CHILDREN;
    private static final Map<Integer, SegmentSpec> TRANSACTION_SEGMENTS = new HashMap<>();

    /** 8 bytes of a byte array as one long, at any offset (an 8-byte date compared at once). */
    private static final VarHandle LONG_AT = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private static final int TAG_ISA = tag("ISA");
    private static final int TAG_GS = tag("GS");
    private static final int TAG_ST = tag("ST");
    private static final int TAG_BPT = tag("BPT");
    private static final int TAG_SE = tag("SE");
    private static final int TAG_GE = tag("GE");
    private static final int TAG_IEA = tag("IEA");
    private static final int TAG_QTY_SEGMENT = tag("QTY");
    private static final int TAG_DTM_SEGMENT = tag("DTM");

    // the envelope as StAEDI's X12 control schema (v00200 + common.xml, the one it uses for ISA12 00401)
    // defines it, with our profile's values
    private static final SegmentSpec GS = new SegmentSpec("GS", new ElementSpec[] {
        ours("E479", Base.ID, 2, 2, "PT"),
        new ElementSpec("E142", Base.AN, 2, 15, true, null, false),
        new ElementSpec("E124", Base.AN, 2, 15, true, null, false),
        new ElementSpec("E373", Base.DT, 8, 8, true, null, false),
        new ElementSpec("E337", Base.TM, 4, 8, true, null, false),
        new ElementSpec("E28", Base.N0, 1, 9, true, null, false),
        ours("E455", Base.AN, 1, 2, "X"),
        ours("E480", Base.AN, 1, 12, "004010"),
    }, new SyntaxRule[0]);
    private static final SegmentSpec ST = new SegmentSpec("ST", new ElementSpec[] {
        ours("E143", Base.AN, 3, 3, "867"),
        new ElementSpec("E329", Base.AN, 4, 9, true, null, false),
    }, new SyntaxRule[0], true);
    private static final SegmentSpec SE = new SegmentSpec("SE", new ElementSpec[] {
        new ElementSpec("E96", Base.N0, 1, 10, true, null, false),
        new ElementSpec("E329", Base.AN, 4, 9, true, null, false),
    }, new SyntaxRule[0]);
    private static final SegmentSpec GE = new SegmentSpec("GE", new ElementSpec[] {
        new ElementSpec("E97", Base.N0, 1, 6, true, null, false),
        new ElementSpec("E28", Base.N0, 1, 9, true, null, false),
    }, new SyntaxRule[0]);
    private static final SegmentSpec IEA = new SegmentSpec("IEA", new ElementSpec[] {
        new ElementSpec("I16", Base.N0, 1, 5, true, null, false),
        new ElementSpec("I12", Base.N0, 9, 9, true, null, false),
    }, new SyntaxRule[0]);

    private static ElementSpec ours(String id, Base base, int min, int max, String code) {
        return new ElementSpec(id, base, min, max, true, new byte[][] { code.getBytes(StandardCharsets.US_ASCII) }, true);
    }

    static {
        EDIComplexType tx = Edi867Schemas.transaction().getStandard();
        Map<String, SegmentSpec> segments = new HashMap<>();
        TRANSACTION = compile(tx, 1, 1, segments);
        int[] limits = new int[2];
        measure(TRANSACTION, 1, limits);
        MAX_DEPTH = limits[0];
        MAX_CHILDREN = limits[1];
        for (SegmentSpec s : segments.values()) {
            TRANSACTION_SEGMENTS.put(tag(s.tag), s);
        }
        INTERVAL_FORMS = IntervalForms.of(TRANSACTION_SEGMENTS.get(tag("QTY")), TRANSACTION_SEGMENTS.get(tag("DTM")));
        INTERVAL_LOOP = IntervalLoop.of(TRANSACTION);
    }

    private static final IntervalForms INTERVAL_FORMS;
    /** The QTY loop's shape where the intervals' steps apply ({@link Run#placeInterval}), or null: none of them. */
    private static final IntervalLoop INTERVAL_LOOP;

    /**
     * The loop every interval's QTY opens and whose DTM follows it (QTY, MEA, DTM in the 867 schema), for the two steps
     * of the structure that repeat for every interval: a DTM right after the loop's QTY, and the QTY that opens the
     * loop again after its DTM. {@link Run#place} takes them through its general search, which for these two steps
     * always ends the same way; {@link Run#placeInterval} takes them directly. Only a shape for which that holds is
     * taken ({@link #of}), verified once here from the compiled schema: the loop is the only one that a QTY opens, its
     * first child the QTY segment, required at most once; the children between QTY and the first DTM optional and none of
     * them a DTM; the DTM a segment required at most once; no QTY from the DTM on and every child after the DTM
     * optional - so that neither step can find a missing segment, and the search finds what the step takes. Otherwise
     * null, and every segment is placed by the general search.
     */
    record IntervalLoop(Node loop, int dtmIndex) {

        static IntervalLoop of(Node transaction) {
            List<Node> opened = new ArrayList<>();
            loopsOpenedBy(transaction, TAG_QTY_SEGMENT, opened);
            if (opened.size() != 1) {
                return null;
            }
            Node loop = opened.get(0);
            Node[] c = loop.children;
            if (c[0].isLoop() || c[0].min > 1) {
                return null;
            }
            int dtm = -1;
            for (int i = 1; i < c.length && dtm < 0; i++) {
                if (c[i].tag == TAG_DTM_SEGMENT) {
                    dtm = i;
                } else if (c[i].min > 0) {
                    return null;
                }
            }
            if (dtm < 0 || c[dtm].isLoop() || c[dtm].min > 1 || c[dtm].max < 1) {
                return null;
            }
            for (int i = dtm; i < c.length; i++) {
                if (c[i].tag == TAG_QTY_SEGMENT || (i > dtm && c[i].min > 0)) {
                    return null;
                }
            }
            return new IntervalLoop(loop, dtm);
        }

        private static void loopsOpenedBy(Node n, int tag, List<Node> out) {
            if (!n.isLoop()) {
                return;
            }
            if (n.children[0].tag == tag && !n.children[0].isLoop()) {
                out.add(n);
            }
            for (Node child : n.children) {
                loopsOpenedBy(child, tag, out);
            }
        }
    }

    /**
     * The two segments of every interval, in the form the writer gives them: {@code QTY*QD*12.3456*KH~} and
     * {@code DTM*582*20261201*0015*PD~} (or without the time code), each followed by a line feed - nine in ten segments of a posted 867. A segment
     * of exactly that form is matched byte by byte here and its elements checked by the same rules as the generic
     * walk ({@link Run#elements}), without splitting it into elements first: the codes (QTY01, C00101 of QTY03, DTM01)
     * and DTM04 in their code lists, QTY02 a decimal of digits and at most one point with min..max digits, DTM02 and DTM03 by
     * the same date and time rules. Only what the generic walk finds nothing in is matched: every required element
     * present, no other element, the syntax rules of the schema met with the form's elements present (all verified once,
     * here, from the compiled schema; if the schema ever said otherwise, the forms would be off and every segment
     * walked). Anything else - a minus sign, another unit form, a fourth element, a byte out of place - is not
     * matched and goes through the generic walk, which reports it. The segment's place in the structure is found as
     * for any segment ({@link Run#place}). So the findings are the same with and without the forms (tests compare
     * both on mutated documents).
     */
    record IntervalForms(ElementSpec qty01, ElementSpec qty02, ElementSpec qty0301, ElementSpec dtm01,
                         ElementSpec dtm04) {

        static IntervalForms of(SegmentSpec qty, SegmentSpec dtm) {
            if (qty == null || dtm == null || qty.elements.length < 3 || dtm.elements.length < 3
                    || !rulesMet(qty, 0b111) || !rulesMet(dtm, 0b111) || !onlyFirstThreeRequired(qty)
                    || !onlyFirstThreeRequired(dtm)) {
                return null;
            }
            ElementSpec q1 = qty.elements[0];
            ElementSpec q2 = qty.elements[1];
            ElementSpec q3 = qty.elements[2];
            ElementSpec d1 = dtm.elements[0];
            ElementSpec d2 = dtm.elements[1];
            ElementSpec d3 = dtm.elements[2];
            if (!codes(q1) || q2.kind != 3 || q2.base != Base.R || q3.components == null
                    || q3.components.length == 0 || !codes(q3.components[0])
                    || !codes(d1) || d2.kind != 1 || d3.kind != 2
                    || 8 < d2.min || 8 > d2.max || 4 < d3.min || 4 > d3.max) { // CCYYMMDD and HHMM
                return null;
            }
            // DTM04, the time code, where the schema has one the form may carry
            ElementSpec d4 = dtm.elements.length >= 4 && codes(dtm.elements[3]) && rulesMet(dtm, 0b1111)
                    ? dtm.elements[3] : null;
            return new IntervalForms(q1, q2, q3.components[0], d1, d4);
        }

        private static boolean codes(ElementSpec e) {
            return e.components == null && e.kind == 0 && e.packed != null;
        }

        private static boolean rulesMet(SegmentSpec s, long present) {
            for (SyntaxRule r : s.rules) {
                if (r.broken(present)) {
                    return false;
                }
            }
            return true;
        }

        private static boolean onlyFirstThreeRequired(SegmentSpec s) {
            for (int i = 3; i < s.elements.length; i++) {
                if (s.elements[i].required) {
                    return false;
                }
            }
            return true;
        }
    }

    private static Node compile(EDIComplexType type, int min, int max, Map<String, SegmentSpec> segments) {
        List<Node> children = new ArrayList<>();
        for (EDIReference ref : type.getReferences()) {
            EDIType t = ref.getReferencedType();
            if (t.isType(EDIType.Type.SEGMENT)) {
                SegmentSpec s = segments.computeIfAbsent(t.getId(), id -> segment((EDIComplexType) t));
                children.add(new Node(t.getId(), tag(t.getId()), ref.getMinOccurs(), ref.getMaxOccurs(), s, null));
            } else if (t.isType(EDIType.Type.LOOP)) {
                children.add(compile((EDIComplexType) t, ref.getMinOccurs(), ref.getMaxOccurs(), segments));
            } else {
                throw new IllegalStateException("867 schema: unexpected " + t.getType() + " " + t.getId());
            }
        }
        Node[] c = children.toArray(new Node[0]);
        if (c.length == 0) {
            throw new IllegalStateException("867 schema: empty " + type.getId());
        }
        return new Node(type.getId(), c[0].tag, min, max, null, c);
    }

    private static void measure(Node n, int depth, int[] limits) {
        if (!n.isLoop()) {
            return;
        }
        limits[0] = Math.max(limits[0], depth);
        limits[1] = Math.max(limits[1], n.children.length);
        for (Node c : n.children) {
            measure(c, depth + 1, limits);
        }
    }

    private static SegmentSpec segment(EDIComplexType t) {
        List<ElementSpec> elements = new ArrayList<>();
        for (EDIReference ref : t.getReferences()) {
            EDIType e = ref.getReferencedType();
            if (e.isType(EDIType.Type.COMPOSITE)) {
                List<ElementSpec> components = new ArrayList<>();
                for (EDIReference c : ((EDIComplexType) e).getReferences()) {
                    components.add(simple((EDISimpleType) c.getReferencedType(), c.getMinOccurs() > 0));
                }
                if (!((EDIComplexType) e).getSyntaxRules().isEmpty()) {
                    throw new IllegalStateException("867 schema: syntax rules of composites are not supported: " + e.getId());
                }
                elements.add(new ElementSpec(e.getId(), ref.getMinOccurs() > 0, components.toArray(new ElementSpec[0])));
            } else {
                elements.add(simple((EDISimpleType) e, ref.getMinOccurs() > 0));
            }
        }
        List<SyntaxRule> rules = new ArrayList<>();
        for (EDISyntaxRule r : t.getSyntaxRules()) {
            Rule type = switch (r.getType()) {
            case REQUIRED -> Rule.REQUIRED;
            case PAIRED -> Rule.PAIRED;
            case CONDITIONAL -> Rule.CONDITIONAL;
            case EXCLUSION -> Rule.EXCLUSION;
            case LIST -> Rule.LIST;
            default -> throw new IllegalStateException("867 schema: syntax rule " + r.getType() + " not supported");
            };
            int[] positions = r.getPositions().stream().mapToInt(Integer::intValue).toArray();
            StringBuilder text = new StringBuilder().append(type.name().charAt(0));
            for (int p : positions) {
                text.append(String.format("%02d", p));
            }
            rules.add(new SyntaxRule(type, positions, text.toString()));
        }
        return new SegmentSpec(t.getId(), elements.toArray(new ElementSpec[0]), rules.toArray(new SyntaxRule[0]));
    }

    private static ElementSpec simple(EDISimpleType e, boolean required) {
        Base base = switch (e.getBase()) {
        case STRING -> Base.AN;
        case IDENTIFIER -> Base.ID;
        case DATE -> Base.DT;
        case TIME -> Base.TM;
        case DECIMAL -> Base.R;
        case NUMERIC -> Base.N0;
        default -> throw new IllegalStateException("867 schema: element base " + e.getBase() + " not supported");
        };
        if (e.hasVersions()) {
            throw new IllegalStateException("867 schema: versioned element " + e.getId() + " not supported");
        }
        byte[][] codes = null;
        if (!e.getValueSet().isEmpty()) {
            codes = e.getValueSet().stream().map(v -> v.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
        }
        return new ElementSpec(e.getId(), base, (int) e.getMinLength(), (int) Math.min(e.getMaxLength(), Integer.MAX_VALUE),
                required, codes, false);
    }

    static int tag(String s) {
        int t = 0;
        for (int i = 0; i < s.length(); i++) {
            t = (t << 8) | s.charAt(i);
        }
        return t;
    }

    // ------------------------------------------------------------------ API

    /** The errors of {@code interchange}; empty when it is a valid 867 of ours. */
    public List<String> check(byte[] interchange) {
        return check(interchange, null);
    }

    /**
     * The errors of {@code interchange}, a file assembled from {@code sets} (in file order; null or shorter lists
     * allowed): the same as {@link #check(byte[])}, with less work. Where a set of the file comes from a set that
     * {@link #checkSet} found valid (its {@link RenderedSet#origin()}), its segments after BPT are compared with the
     * origin's byte for byte; if they are the same and SE follows, they are the origin's segments in the same place
     * of the same structure (ST and BPT are checked as always and BPT was placed first, as in the origin), so their
     * findings are the origin's, none, and only ST, BPT, SE and the counts are checked. Nothing is taken on trust:
     * any difference, however small, and the set is checked segment by segment as {@link #check(byte[])} does.
     */
    public List<String> check(byte[] interchange, List<RenderedSet> sets) {
        List<Finding> f = findings(interchange, sets);
        if (f.isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>(f.size());
        for (Finding x : f) {
            out.add(x.message());
        }
        return out;
    }

    /** Throws {@link Edi867ValidationException} (with {@code context}) unless {@code interchange} is valid. */
    public void requireValid(byte[] interchange, String context) {
        List<String> errors = check(interchange);
        if (!errors.isEmpty()) {
            throw new Edi867ValidationException(context, errors);
        }
    }

    /** The findings, each telling whether it is one of our profile's rules beyond StAEDI's schemas. */
    public List<Finding> findings(byte[] interchange) {
        return findings(interchange, null);
    }

    private List<Finding> findings(byte[] interchange, List<RenderedSet> sets) {
        Run r = new Run(interchange, sets, intervalForms ? INTERVAL_FORMS : null);
        r.run();
        return r.findings == null ? List.of() : r.findings;
    }

    /** How many segments of {@code interchange} a check takes by the intervals' forms (tests). */
    int segmentsByForm(byte[] interchange) {
        Run r = new Run(interchange, null, intervalForms ? INTERVAL_FORMS : null);
        r.run();
        return r.byForm;
    }

    /** The QTY loop's shape the intervals' steps apply to, or null (tests). */
    static IntervalLoop intervalLoop() {
        return INTERVAL_LOOP;
    }

    /** How many segments of {@code interchange} a check places by the intervals' steps (tests). */
    int segmentsPlacedByStep(byte[] interchange) {
        Run r = new Run(interchange, null, intervalForms ? INTERVAL_FORMS : null);
        r.run();
        return r.byStep;
    }

    /** The envelope {@link #checkSet} puts around a set: any valid one would do, the set's verdict does not depend on it. */
    private static final X12Envelope SET_ENVELOPE = new X12Envelope("MDMASETCHECK", "MDMASETCHECK",
            Instant.parse("2026-01-01T00:00:00Z"), 1, 1, "T");
    private static final byte[] SET_HEADER = SET_ENVELOPE.header();
    private static final byte[] SET_TRAILER = SET_ENVELOPE.trailer(1);

    /**
     * The errors of one transaction set, checked in an envelope of its own; when there are none, the set is marked
     * so that the files holding it (or a copy of it under other ids, {@link RenderedSet#withIds}) are checked
     * without going through its segments again ({@link #check(byte[], List)}). A posting round checks each
     * account-period's set once this way, then the UDC's and the ESP's files that carry it.
     */
    public List<String> checkSet(RenderedSet set) {
        byte[] doc = new byte[SET_HEADER.length + set.length() + SET_TRAILER.length];
        System.arraycopy(SET_HEADER, 0, doc, 0, SET_HEADER.length);
        int end = set.copyTo(doc, SET_HEADER.length);
        System.arraycopy(SET_TRAILER, 0, doc, end, SET_TRAILER.length);
        List<String> errors = check(doc);
        if (errors.isEmpty() && set.origin() == set) {
            set.markCheckedValid(); // a set as rendered: the sets given other ids from it compare with it
        }
        return errors;
    }

    // ------------------------------------------------------------------ one check

    /** Stops the run after a framing or envelope error (nothing after it can be located reliably). */
    private static final class Stop extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stop() {
            super(null, null, false, false);
        }
    }

    private static final byte DATA = 0;
    private static final byte END = 1; // * or ~
    private static final byte COMPONENT = 2;
    private static final byte CONTROL = 3;
    private static final byte NON_ASCII = 4;
    private static final byte[] CLASS = new byte[256];

    static {
        for (int b = 0; b < 256; b++) {
            CLASS[b] = b >= 0x80 ? NON_ASCII : b < 0x20 || b == 0x7F ? CONTROL
                    : b == '*' || b == '~' ? END : b == '>' ? COMPONENT : DATA;
        }
    }

    private static final int[] ISA_DELIMITERS = { 3, 6, 17, 20, 31, 34, 50, 53, 69, 76, 81, 83, 89, 99, 101, 103 };
    private static final int ISA_LENGTH = 106;
    private static final int MAX_ELEMENTS = 64;

    private static final class Run {
        final byte[] d;
        final int n;
        final List<RenderedSet> fileSets; // the sets the file was assembled from, or null
        final IntervalForms forms; // null: every segment through the generic walk
        int byForm; // segments taken by the forms
        int byStep; // of them, segments placed by the intervals' steps (placeInterval)
        final int[] formCodes = new int[4]; // the last codes found in their lists: QTY01, C00101, DTM01, DTM04 (0: none)
        List<Finding> findings;
        boolean structureProven; // the current set's segments after BPT are those of a set checked valid

        // current segment
        int segPos;
        int segStart;
        int tagCode;
        int tagLen; // 0: no tag yet
        int elementCount;
        final int[] elStart = new int[MAX_ELEMENTS + 1];
        final int[] elEnd = new int[MAX_ELEMENTS + 1];
        final int[] elUnits = new int[MAX_ELEMENTS + 1];
        final int[] elComponents = new int[MAX_ELEMENTS + 1]; // number of '>' in it
        int overflowElements; // elements beyond MAX_ELEMENTS
        long present; // bit i: element i+1 non-empty

        // envelope
        int isa13At;
        int gs06Start;
        int gs06End;
        int groups;
        int sets;
        int st02Start;
        int st02End;
        int setSegments;

        // transaction structure
        final Node[] frameNode = new Node[MAX_DEPTH + 1];
        final int[] frameCur = new int[MAX_DEPTH + 1];
        final int[][] frameCount = new int[MAX_DEPTH + 1][MAX_CHILDREN];
        int depth;
        final Node[] pendingMissing = new Node[MAX_DEPTH * MAX_CHILDREN + 1];
        int pending;
        boolean setBroken;

        // cache of the last valid DT value (dates repeat across intervals)
        int lastDateStart = -1;
        int lastDateLen;
        // per segment spec (SegmentSpec.index): the rule elements present when its rules last broke none
        final boolean[] rulesKept = new boolean[SegmentSpec.COUNT.get()];
        final long[] rulesKeptFor = new long[rulesKept.length];

        Run(byte[] d, List<RenderedSet> fileSets, IntervalForms forms) {
            this.d = d;
            this.n = d.length;
            this.fileSets = fileSets;
            this.forms = forms;
        }

        void add(String message, boolean ours) {
            if (findings == null) {
                findings = new ArrayList<>();
            }
            if (findings.size() < MAX_FINDINGS) {
                findings.add(new Finding(message, ours));
            } else {
                throw new Stop();
            }
        }

        String tagText() {
            return tagLen == 0 ? "" : new String(d, segStart, tagLen, StandardCharsets.US_ASCII);
        }

        String at() {
            return "segment " + segPos + " " + tagText();
        }

        String atElement(int pos) {
            return "segment " + segPos + " " + tagText() + String.format("%02d", pos);
        }

        void segmentError(String code, String detail, boolean ours) {
            add(at() + ": " + code + (detail.isEmpty() ? "" : ": " + detail) + (ours ? " (867 profile)" : ""), ours);
        }

        void elementError(int pos, String code, ElementSpec e, String detail, boolean ours) {
            StringBuilder sb = new StringBuilder(80).append(atElement(pos)).append(": ").append(code);
            if (e != null) {
                sb.append(" (").append(e.id).append(')');
            }
            if (detail != null && !detail.isEmpty()) {
                sb.append(": ").append(detail);
            }
            if (pos >= 1 && pos <= elementCount && elStart[pos] < elEnd[pos]) {
                sb.append(" '").append(text(elStart[pos], elEnd[pos])).append('\'');
            }
            if (ours) {
                sb.append(" (867 profile)");
            }
            add(sb.toString(), ours);
        }

        String text(int from, int to) {
            int end = Math.min(to, from + 100);
            String s = new String(d, from, end - from, StandardCharsets.UTF_8);
            return end < to ? s + "..." : s;
        }

        void framing(int pos, String what) {
            add("byte " + pos + " (segment " + segPos + (tagLen == 0 ? "" : " " + tagText()) + "): " + what
                    + " (867 profile: segments end with ~ and a line feed, no control characters)", true);
            throw new Stop();
        }

        void run() {
            try {
                isa();
                int p = ISA_LENGTH + 1;
                int state = 0; // 0 after ISA, 1 after GS, 2 in set, 3 after SE, 4 after GE, 5 after IEA
                while (p < n) {
                    if (state == 5) {
                        segPos++;
                        tagLen = 0;
                        framing(p, "data after IEA");
                    }
                    if (state == 2 && forms != null) {
                        int past = intervalForm(p);
                        if (past > 0) {
                            byForm++;
                            setSegments++;
                            if (!setBroken) {
                                placeInterval(tagCode); // its spec is the form's: its elements were checked by the form
                            }
                            p = past;
                            continue;
                        }
                    }
                    p = parseSegment(p);
                    int t = tagCode;
                    if (state == 2) {
                        if (t == TAG_SE) {
                            endSet();
                            state = 3;
                        } else {
                            setSegments++;
                            transactionSegment();
                            if (setSegments == 2 && t == TAG_BPT && !setBroken) {
                                p = pastCheckedSegments(p);
                            }
                        }
                        continue;
                    }
                    if (t == TAG_GS && state == 0) {
                        gs();
                        state = 1;
                    } else if (t == TAG_ST && (state == 1 || state == 3)) {
                        startSet();
                        state = 2;
                    } else if (t == TAG_GE && state == 3) {
                        ge();
                        state = 4;
                    } else if (t == TAG_IEA && state == 4) {
                        iea();
                        state = 5;
                    } else {
                        String want = switch (state) {
                        case 0 -> "GS";
                        case 1 -> "ST";
                        case 3 -> "ST or GE";
                        default -> "IEA";
                        };
                        segmentError("UNEXPECTED_SEGMENT", "expected " + want + " here (867 profile: ISA, GS, "
                                + "one or more ST..SE, GE, IEA)", true);
                        throw new Stop();
                    }
                }
                if (state != 5) {
                    segPos++;
                    tagLen = 0;
                    add("end of document at byte " + n + ": " + (state == 2 ? "transaction set without SE, "
                            : "") + "no IEA", false);
                }
            } catch (Stop stop) {
                // findings already recorded
            }
        }

        // -------------------------------------------------------------- the intervals' forms

        /**
         * The segment at {@code p} when it is a QTY or DTM of the writer's form whose elements break no rule
         * ({@link IntervalForms}): taken as parseSegment would take it (position, tag) and the position after its line
         * feed returned; otherwise 0 and nothing changed.
         */
        int intervalForm(int p) {
            int past = p + 4 <= n && d[p + 3] == '*' ? switch (d[p]) {
            case 'Q' -> d[p + 1] == 'T' && d[p + 2] == 'Y' ? qtyForm(p) : 0;
            case 'D' -> d[p + 1] == 'T' && d[p + 2] == 'M' ? dtmForm(p) : 0;
            default -> 0;
            } : 0;
            if (past > 0) {
                segPos++;
                segStart = p;
                tagLen = 3;
                tagCode = (d[p] << 16) | (d[p + 1] << 8) | d[p + 2];
            }
            return past;
        }

        /** {@code QTY*cc*digits[.digits]*uu~\n} with both codes in their lists and QTY02's digits within bounds. */
        int qtyForm(int p) {
            int i = p + 4;
            if (i + 3 > n || d[i + 2] != '*' || !code2(forms.qty01(), 0, i)) {
                return 0;
            }
            i += 3;
            int digits = 0;
            int points = 0;
            for (; i < n; i++) {
                byte b = d[i];
                if (b >= '0' && b <= '9') {
                    digits++;
                } else if (b == '.') {
                    points++;
                } else {
                    break;
                }
            }
            ElementSpec q2 = forms.qty02();
            if (digits == 0 || points > 1 || digits < q2.min || digits > q2.max || i + 5 > n || d[i] != '*' || d[i + 3] != '~'
                    || d[i + 4] != '\n' || !code2(forms.qty0301(), 1, i + 1)) {
                return 0;
            }
            return i + 5;
        }

        /**
         * {@code DTM*ccc*CCYYMMDD*HHMM~\n} or {@code DTM*ccc*CCYYMMDD*HHMM*tc~\n}, with the codes in their lists and a
         * valid date and time.
         */
        int dtmForm(int p) {
            if (p + 23 > n || d[p + 7] != '*' || d[p + 16] != '*' || !code3(forms.dtm01(), 2, p + 4)) {
                return 0;
            }
            int past;
            if (d[p + 21] == '~') {
                past = p + 23;
            } else if (d[p + 21] == '*' && forms.dtm04() != null) {
                int end = p + 22;
                while (end < n && end < p + 26 && d[end] != '~') {
                    end++;
                }
                if (end >= n || d[end] != '~' || !code(forms.dtm04(), 3, p + 22, end)) {
                    return 0;
                }
                past = end + 2;
            } else {
                return 0;
            }
            if (past > n || d[past - 1] != '\n') {
                return 0;
            }
            return DtmRules.time4(d, p + 17) && validDate(p + 8, p + 16) ? past : 0;
        }

        /**
         * {@link #code} of a 2-byte element: the bytes of the last code found in its list (formCodes[slot]) are taken
         * at once. A first byte above space keeps a 2-byte value apart from the 1-byte codes (all 2-byte values of
         * valid codes are at least 0x2100) and the packing is one-to-one, so equal means the same bytes.
         */
        boolean code2(ElementSpec e, int slot, int from) {
            int b0 = d[from];
            if (b0 > 0x20 && ((b0 << 8) | (d[from + 1] & 0xFF)) == formCodes[slot]) {
                return true;
            }
            return code(e, slot, from, from + 2);
        }

        /** {@link #code2} of a 3-byte element. */
        boolean code3(ElementSpec e, int slot, int from) {
            int b0 = d[from];
            if (b0 > 0x20 && ((b0 << 16) | ((d[from + 1] & 0xFF) << 8) | (d[from + 2] & 0xFF)) == formCodes[slot]) {
                return true;
            }
            return code(e, slot, from, from + 3);
        }

        /**
         * An ASCII code of the element's list, of a length within its bounds (1 to 3 bytes). {@code slot}: where the
         * last code found in the list for this element of the forms is kept (the same code repeats interval after
         * interval).
         */
        boolean code(ElementSpec e, int slot, int from, int to) {
            int len = to - from;
            if (len < 1 || len > 3) {
                return false;
            }
            int v = 0;
            for (int i = from; i < to; i++) {
                byte b = d[i];
                if (b < 0x21 || b > 0x7D || CLASS[b] != DATA) {
                    return false;
                }
                v = (v << 8) | b;
            }
            if (v == formCodes[slot]) {
                return true;
            }
            if (len < e.min || len > e.max || java.util.Arrays.binarySearch(e.packed, v) < 0) {
                return false;
            }
            formCodes[slot] = v;
            return true;
        }

        // -------------------------------------------------------------- ISA

        void isa() {
            segPos = 1;
            segStart = 0;
            tagLen = 3;
            // StAEDI drops control characters and white space, even inside the ISA: a layout broken only by
            // them is one of our profile's errors
            boolean ours = controls(0, Math.min(n, ISA_LENGTH + 24));
            if (n < ISA_LENGTH + 1) {
                add("segment 1 ISA: the document is shorter than an ISA segment (" + n + " bytes)", ours);
                throw new Stop();
            }
            if (d[0] != 'I' || d[1] != 'S' || d[2] != 'A') {
                add("segment 1: the document does not start with ISA", ours);
                throw new Stop();
            }
            int k = 0;
            for (int i = 3; i < ISA_LENGTH - 1; i++) {
                byte b = d[i];
                if (k < ISA_DELIMITERS.length && ISA_DELIMITERS[k] == i) {
                    k++;
                    if (b != '*') {
                        add("segment 1 ISA: byte " + i + " is '" + (char) (b & 0xFF)
                                + "', the element separator * stands there in an ISA of 106 characters", ours);
                        throw new Stop();
                    }
                } else if (b == '*' || b < 0x20 || b > 0x7E) {
                    add("segment 1 ISA: byte " + i + " (" + (b & 0xFF) + ") where the fixed-length ISA has data; "
                            + "an ISA is 106 ASCII characters with * at fixed places (867 profile)", true);
                    throw new Stop();
                }
            }
            if (d[ISA_LENGTH - 1] != '~' || d[ISA_LENGTH] != '\n') {
                add("segment 1 ISA: not terminated by ~ and a line feed at byte 105 (867 profile: ISA16 is > "
                        + "and the segment terminator ~)", true);
                throw new Stop();
            }
            fixed(1, 4, "00", "I01 authorization information qualifier");
            fixed(2, 7, "          ", "I02 authorization information");
            fixed(3, 18, "00", "I03 security information qualifier");
            fixed(4, 21, "          ", "I04 security information");
            fixed(5, 32, "01", "I05 sender id qualifier");
            fixed(7, 51, "01", "I05 receiver id qualifier");
            if (!DtmRules.date(d, 70, 76)) {
                isaError(9, "INVALID_DATE (I08)", 70, 76, false);
            }
            if (!DtmRules.time(d, 77, 81)) {
                isaError(10, "INVALID_TIME (I09)", 77, 81, false);
            }
            fixed(11, 82, "U", "I10 control standards identifier");
            fixed(12, 84, Edi867Schemas.ISA_VERSION, "I11 control version number");
            for (int i = 90; i < 99; i++) {
                if (d[i] < '0' || d[i] > '9') {
                    isaError(13, "INVALID_CHARACTER_DATA (I12): 9 digits", 90, 99, false);
                    break;
                }
            }
            isa13At = 90;
            fixed(14, 100, "0", "I13 acknowledgment requested");
            if (d[102] != 'P' && d[102] != 'T') {
                isaError(15, "INVALID_CODE_VALUE (I14): P or T", 102, 103, d[102] != 'I');
            }
            fixed(16, 104, ">", "I15 component element separator");
        }

        boolean controls(int from, int to) {
            for (int i = from; i < to; i++) {
                if ((d[i] >= 0 && d[i] < 0x20 && i != ISA_LENGTH) || d[i] == 0x7F) {
                    return true;
                }
            }
            return false;
        }

        void fixed(int element, int at, String want, String what) {
            for (int i = 0; i < want.length(); i++) {
                if (d[at + i] != want.charAt(i)) {
                    isaError(element, what + " must be '" + want + "'", at, at + want.length(), true);
                    return;
                }
            }
        }

        void isaError(int element, String what, int from, int to, boolean ours) {
            add("segment 1 ISA" + String.format("%02d", element) + ": " + what + " '" + text(from, to) + "'"
                    + (ours ? " (867 profile)" : ""), ours);
        }

        // -------------------------------------------------------------- segments

        /** Parses the segment at {@code p} into the element arrays; returns the position after its line feed. */
        int parseSegment(int p) {
            segPos++;
            segStart = p;
            tagLen = 0;
            int t = 0;
            int i = p;
            while (i < n && i - p < 3) {
                byte b = d[i];
                if ((b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || (b >= 'a' && b <= 'z')) {
                    t = (t << 8) | b;
                    i++;
                } else {
                    break;
                }
            }
            if (i - p < 2 || i >= n || (d[i] != '*' && d[i] != '~')) {
                framing(i, i >= n ? "document ends inside a segment tag" : "a segment tag is 2 or 3 letters or "
                        + "digits followed by * or ~, found byte " + (i < n ? (d[i] & 0xFF) : -1));
            }
            tagCode = t;
            tagLen = i - p;
            elementCount = 0;
            overflowElements = 0;
            present = 0;
            if (d[i] == '~') {
                i++;
            } else {
                i++; // past the '*' after the tag
                while (true) {
                    int start = i;
                    int units = 0;
                    int components = 0;
                    byte b = 0;
                    scan:
                    while (true) {
                        int run = i; // plain data first, in a loop of its own (most bytes are)
                        while (i < n && CLASS[d[i] & 0xFF] == DATA) {
                            i++;
                        }
                        units += i - run;
                        if (i >= n) {
                            break;
                        }
                        b = d[i];
                        switch (CLASS[b & 0xFF]) {
                        case END -> {
                            break scan;
                        }
                        case COMPONENT -> {
                            components++;
                            units++;
                            i++;
                        }
                        case CONTROL -> framing(i, "control character " + b + " inside segment " + tagText());
                        default -> {
                            i = utf8(i);
                            units++;
                        }
                        }
                    }
                    if (i >= n) {
                        framing(i, "document ends inside segment " + tagText() + " (no ~)");
                    }
                    if (elementCount < MAX_ELEMENTS) {
                        int e = ++elementCount;
                        elStart[e] = start;
                        elEnd[e] = i;
                        elUnits[e] = units;
                        elComponents[e] = components;
                        if (i > start && e <= 63) {
                            present |= 1L << (e - 1);
                        }
                    } else {
                        overflowElements++;
                    }
                    i++;
                    if (b == '~') {
                        break;
                    }
                }
            }
            if (i >= n || d[i] != '\n') {
                framing(i, "segment terminator ~ not followed by a line feed");
            }
            return i + 1;
        }

        /** Validates the UTF-8 sequence at {@code i} (a non-ASCII lead byte); returns the position after it. */
        int utf8(int i) {
            int b0 = d[i] & 0xFF;
            if (b0 >= 0xC2 && b0 <= 0xDF) {
                if (i + 1 < n && cont(d[i + 1])) {
                    if (b0 == 0xC2 && (d[i + 1] & 0xFF) < 0xA0) {
                        framing(i, "C1 control character U+00" + Integer.toHexString(d[i + 1] & 0xFF).toUpperCase());
                    }
                    return i + 2;
                }
            } else if (b0 >= 0xE0 && b0 <= 0xEF) {
                if (i + 2 < n && cont(d[i + 1]) && cont(d[i + 2])) {
                    int b1 = d[i + 1] & 0xFF;
                    if ((b0 == 0xE0 && b1 < 0xA0) || (b0 == 0xED && b1 > 0x9F)) {
                        framing(i, "malformed UTF-8 (overlong or surrogate)");
                    }
                    return i + 3;
                }
            } else if (b0 >= 0xF0 && b0 <= 0xF4) {
                add("byte " + i + " (segment " + segPos + " " + tagText() + "): a character outside the Basic "
                        + "Multilingual Plane, which StAEDI's reader cannot read", false);
                throw new Stop();
            }
            framing(i, "malformed UTF-8");
            return i;
        }

        static boolean cont(byte b) {
            return (b & 0xC0) == 0x80;
        }

        // -------------------------------------------------------------- element validation

        /** Validates the elements of the current segment against {@code spec}. */
        void elements(SegmentSpec spec) {
            ElementSpec[] es = spec.elements;
            int count = elementCount;
            if (count > es.length || overflowElements > 0) {
                elementError(es.length + 1, "TOO_MANY_DATA_ELEMENTS", null, spec.tag + " has " + es.length
                        + " elements", spec.moreElementsOurs);
                count = es.length;
            }
            for (int pos = 1; pos <= es.length; pos++) {
                ElementSpec e = es[pos - 1];
                if (pos > count || elStart[pos] == elEnd[pos]) {
                    if (e.required) {
                        elementError(pos, "REQUIRED_DATA_ELEMENT_MISSING", e, "", false);
                    }
                    continue;
                }
                int from = elStart[pos];
                int to = elEnd[pos];
                if (e.components != null) {
                    composite(pos, e, from, to);
                } else if (elComponents[pos] > 0) {
                    elementError(pos, "TOO_MANY_COMPONENTS", e, "not a composite element", false);
                } else {
                    value(pos, e, from, to, elUnits[pos]);
                }
            }
            if (spec.rules.length == 0) {
                return;
            }
            // a rule's verdict depends only on which of its elements are present: the same elements present as in
            // the last segment of this spec that broke no rule break none
            long looked = present & spec.ruleElements;
            int memo = spec.index;
            if (memo < rulesKeptFor.length && rulesKept[memo] && rulesKeptFor[memo] == looked) {
                return;
            }
            boolean broken = false;
            for (SyntaxRule r : spec.rules) {
                broken |= syntax(r);
            }
            if (!broken && memo < rulesKeptFor.length) {
                rulesKept[memo] = true;
                rulesKeptFor[memo] = looked;
            }
        }

        void composite(int pos, ElementSpec c, int from, int to) {
            int component = 0;
            int start = from;
            for (int i = from; i <= to; i++) {
                if (i == to || d[i] == '>') {
                    if (component < c.components.length) {
                        ElementSpec e = c.components[component];
                        if (i == start) {
                            if (e.required) {
                                elementError(pos, "REQUIRED_DATA_ELEMENT_MISSING", e, "component " + (component + 1), false);
                            }
                        } else {
                            value(pos, e, start, i, units(start, i));
                        }
                    } else {
                        elementError(pos, "TOO_MANY_COMPONENTS", c, c.id + " has " + c.components.length
                                + " component(s)", false);
                        return;
                    }
                    component++;
                    start = i + 1;
                }
            }
        }

        int units(int from, int to) {
            int u = 0;
            for (int i = from; i < to; i++) {
                if ((d[i] & 0xC0) != 0x80) {
                    u++;
                }
            }
            return u;
        }

        void value(int pos, ElementSpec e, int from, int to, int units) {
            switch (e.kind) {
            case 0 -> {
                if (units > e.max) {
                    elementError(pos, "DATA_ELEMENT_TOO_LONG", e, units + " characters, at most " + e.max, false);
                } else if (units < e.min) {
                    elementError(pos, "DATA_ELEMENT_TOO_SHORT", e, units + " characters, at least " + e.min, false);
                }
                if (e.codes != null && !(e.packed != null ? oneOf(e.packed, from, to) : oneOf(e.codes, from, to))) {
                    elementError(pos, "INVALID_CODE_VALUE", e, "not one of " + codes(e), e.codesOurs);
                }
            }
            case 1 -> {
                if (units < e.min || units > e.max) {
                    elementError(pos, "INVALID_DATE", e, "length " + units + ", " + e.min + ".." + e.max, false);
                } else if (!validDate(from, to)) {
                    elementError(pos, "INVALID_DATE", e, "", false);
                }
            }
            case 2 -> {
                if (units < e.min || units > e.max || !DtmRules.time(d, from, to)) {
                    elementError(pos, "INVALID_TIME", e, "", false);
                }
            }
            case 3 -> number(pos, e, from, to);
            default -> throw new IllegalStateException(String.valueOf(e.base));
            }
        }

        /** StAEDI's date rules ({@link DtmRules#date}), the last valid date remembered (dates repeat across intervals). */
        boolean validDate(int from, int to) {
            int len = to - from;
            if (len == 8 && lastDateLen == 8 && lastDateStart >= 0) {
                if ((long) LONG_AT.get(d, from) == (long) LONG_AT.get(d, lastDateStart)) {
                    return true; // the same 8 bytes as the last valid date (CCYYMMDD)
                }
            } else if (len == lastDateLen && lastDateStart >= 0 && same(lastDateStart, from, len)) {
                return true; // the same bytes as the last valid date
            }
            if (!DtmRules.date(d, from, to)) {
                return false;
            }
            lastDateStart = from;
            lastDateLen = to - from;
            return true;
        }

        boolean same(int a, int b, int len) {
            for (int i = 0; i < len; i++) {
                if (d[a + i] != d[b + i]) {
                    return false;
                }
            }
            return true;
        }

        static String codes(ElementSpec e) {
            StringBuilder sb = new StringBuilder();
            for (byte[] c : e.codes) {
                if (sb.length() > 0) {
                    sb.append(", ");
                }
                sb.append(new String(c, StandardCharsets.UTF_8));
            }
            return sb.toString();
        }

        boolean oneOf(int[] packed, int from, int to) {
            int len = to - from;
            if (len > 3) {
                return false;
            }
            int v = 0;
            for (int i = from; i < to; i++) {
                v = (v << 8) | (d[i] & 0xFF);
            }
            return java.util.Arrays.binarySearch(packed, v) >= 0;
        }

        boolean oneOf(byte[][] codes, int from, int to) {
            int len = to - from;
            outer:
            for (byte[] c : codes) {
                if (c.length != len) {
                    continue;
                }
                for (int i = 0; i < len; i++) {
                    if (c[i] != d[from + i]) {
                        continue outer;
                    }
                }
                return true;
            }
            return false;
        }

        /** StAEDI's numeric and decimal rules; an exponent is refused (867 profile). */
        void number(int pos, ElementSpec e, int from, int to) {
            boolean decimal = e.base == Base.R;
            int length = to - from;
            boolean invalid = false;
            int exponents = 0;
            int points = 0;
            for (int i = from; i < to; i++) {
                byte b = d[i];
                if (b >= '0' && b <= '9') {
                    continue;
                }
                if (b == '-') {
                    length--;
                    if (i > from && !(decimal && d[i - 1] == 'E')) {
                        invalid = true;
                    }
                } else if (decimal && b == '.') {
                    length--;
                    if (++points > 1 || exponents > 0) {
                        invalid = true;
                    }
                } else if (decimal && b == 'E') {
                    length--;
                    if (++exponents > 1) {
                        invalid = true;
                    }
                } else {
                    invalid = true;
                    if ((b & 0xC0) == 0x80) {
                        length--; // count a UTF-8 character once
                    }
                }
            }
            if (length > e.max) {
                elementError(pos, "DATA_ELEMENT_TOO_LONG", e, length + " digits, at most " + e.max, false);
            } else if (length < e.min) {
                elementError(pos, "DATA_ELEMENT_TOO_SHORT", e, length + " digits, at least " + e.min, false);
            }
            if (invalid) {
                elementError(pos, "INVALID_CHARACTER_DATA", e, decimal ? "not a decimal number" : "not a whole number", false);
            } else if (exponents > 0) {
                elementError(pos, "INVALID_CHARACTER_DATA", e, "exponent in a decimal (edi-867.md: no exponent)", true);
            }
        }

        boolean syntax(SyntaxRule r) {
            if (r.broken(present)) {
                String code = r.type() == Rule.EXCLUSION ? "EXCLUSION_CONDITION_VIOLATED"
                        : "CONDITIONAL_REQUIRED_DATA_ELEMENT_MISSING";
                add(at() + ": " + code + ": syntax rule " + r.text(), false);
                return true;
            }
            return false;
        }

        // -------------------------------------------------------------- envelope segments

        void gs() {
            elements(GS);
            groups++;
            gs06Start = elementCount >= 6 ? elStart[6] : 0;
            gs06End = elementCount >= 6 ? elEnd[6] : 0;
            // ISA06/ISA08 are GS02/GS03 padded to 15 (867 profile)
            sameAsIsa(2, 35);
            sameAsIsa(3, 54);
        }

        void sameAsIsa(int element, int isaAt) {
            if (element > elementCount) {
                return;
            }
            int from = elStart[element];
            int len = elEnd[element] - from;
            boolean same = len <= 15;
            for (int i = 0; same && i < 15; i++) {
                byte want = i < len ? d[from + i] : (byte) ' ';
                same = d[isaAt + i] == want;
            }
            if (!same) {
                elementError(element, "CONTROL_REFERENCE_MISMATCH", null, "differs from ISA"
                        + (element == 2 ? "06" : "08") + " '" + text(isaAt, isaAt + 15) + "'", true);
            }
        }

        void startSet() {
            elements(ST);
            sets++;
            setSegments = 1;
            st02Start = elementCount >= 2 ? elStart[2] : segStart;
            st02End = elementCount >= 2 ? elEnd[2] : segStart;
            depth = 0;
            frameNode[0] = TRANSACTION;
            frameCur[0] = 0;
            java.util.Arrays.fill(frameCount[0], 0);
            setBroken = false;
            structureProven = false;
            pending = 0;
        }

        /**
         * After the current set's BPT (placed first, as in every set): when the file's set comes from a set checked
         * valid and the bytes from here to its SE are the origin's, returns the position of the SE, having counted
         * the segments in between; otherwise {@code p}, and the set is checked segment by segment.
         */
        int pastCheckedSegments(int p) {
            if (fileSets == null || sets > fileSets.size()) {
                return p;
            }
            RenderedSet o = fileSets.get(sets - 1).origin();
            if (!o.checkedValid()) {
                return p;
            }
            int from = o.bptEnd();
            int to = o.seStart();
            int len = to - from;
            if (p + len + 3 > n || d[p + len] != 'S' || d[p + len + 1] != 'E' || d[p + len + 2] != '*'
                    || !java.util.Arrays.equals(d, p, p + len, o.raw(), from, to)) {
                return p;
            }
            int between = o.segmentCount() - 3; // ST, BPT and SE are checked here
            segPos += between;
            setSegments += between;
            structureProven = true;
            return p + len;
        }

        void endSet() {
            setSegments++;
            elements(SE);
            if (!setBroken && !structureProven) {
                // what is still missing at the end of the set
                for (int k = depth; k >= 0; k--) {
                    Node[] children = frameNode[k].children;
                    int[] count = frameCount[k];
                    for (int j = frameCur[k]; j < children.length; j++) {
                        if (count[j] < children[j].min) {
                            missing(children[j]);
                        }
                    }
                }
            }
            // SE, GE and IEA each check their count and control reference inline: the same checks through two shared
            // methods measured 5-10% slower per pair in Edi867Benchmark (stop 32), on the hot path of every posting
            if (elementCount >= 1 && elStart[1] < elEnd[1] && !equalsCount(elStart[1], elEnd[1], setSegments)) {
                elementError(1, "CONTROL_COUNT_DOES_NOT_MATCH_ACTUAL_COUNT", null, "the set has " + setSegments
                        + " segments", false);
            }
            if (elementCount >= 2 && elStart[2] < elEnd[2] && st02End > st02Start
                    && !equalBytes(st02Start, st02End, elStart[2], elEnd[2])) {
                elementError(2, "CONTROL_REFERENCE_MISMATCH", null, "ST02 is '" + text(st02Start, st02End) + "'", false);
            }
        }

        void ge() {
            elements(GE);
            if (elementCount >= 1 && elStart[1] < elEnd[1] && !equalsCount(elStart[1], elEnd[1], sets)) {
                elementError(1, "CONTROL_COUNT_DOES_NOT_MATCH_ACTUAL_COUNT", null, "the group has " + sets
                        + " transaction sets", false);
            }
            if (elementCount >= 2 && elStart[2] < elEnd[2] && gs06End > gs06Start
                    && !equalBytes(gs06Start, gs06End, elStart[2], elEnd[2])) {
                elementError(2, "CONTROL_REFERENCE_MISMATCH", null, "GS06 is '" + text(gs06Start, gs06End) + "'", false);
            }
        }

        void iea() {
            elements(IEA);
            if (elementCount >= 1 && elStart[1] < elEnd[1] && !equalsCount(elStart[1], elEnd[1], groups)) {
                elementError(1, "CONTROL_COUNT_DOES_NOT_MATCH_ACTUAL_COUNT", null, "the interchange has " + groups
                        + " functional group(s)", false);
            }
            if (elementCount >= 2 && elStart[2] < elEnd[2] && !equalBytes(isa13At, isa13At + 9, elStart[2], elEnd[2])) {
                elementError(2, "CONTROL_REFERENCE_MISMATCH", null, "ISA13 is '" + text(isa13At, isa13At + 9) + "'", false);
            }
        }

        /** StAEDI compares a count as text: {@code String.valueOf(count)}. */
        boolean equalsCount(int from, int to, long count) {
            int digits = X12Values.digitCount(count);
            if (to - from != digits) {
                return false;
            }
            for (int i = to - 1; i >= from; i--) {
                if (d[i] != '0' + count % 10) {
                    return false;
                }
                count /= 10;
            }
            return true;
        }

        boolean equalBytes(int a, int aEnd, int b, int bEnd) {
            return aEnd - a == bEnd - b && same(a, b, aEnd - a);
        }

        // -------------------------------------------------------------- transaction structure

        void transactionSegment() {
            int t = tagCode;
            SegmentSpec spec = setBroken ? null : place(t);
            if (spec == null) {
                spec = TRANSACTION_SEGMENTS.get(t);
                if (spec == null) {
                    if (t == TAG_ISA || t == TAG_GS || t == TAG_ST || t == TAG_GE || t == TAG_IEA) {
                        segmentError("UNEXPECTED_SEGMENT", tagText() + " inside a transaction set (no SE before it)", false);
                        throw new Stop();
                    }
                    segmentError("SEGMENT_NOT_IN_DEFINED_TRANSACTION_SET", "", false);
                    return;
                }
            }
            elements(spec);
        }

        /**
         * {@link #place} of a QTY or DTM of the intervals' form: the two steps that repeat for every interval
         * ({@link IntervalLoop}) directly, with the same effect as place's search, anything else by the search.
         */
        void placeInterval(int t) {
            IntervalLoop shape = INTERVAL_LOOP;
            int k = depth;
            if (shape != null && k > 0 && frameNode[k] == shape.loop()) {
                int cur = frameCur[k];
                int[] count = frameCount[k];
                int dtm = shape.dtmIndex();
                if (t == TAG_DTM_SEGMENT && cur == 0 && count[dtm] == 0) {
                    // the DTM right after the loop's QTY: the optional children between them skipped
                    pending = 0;
                    frameCur[k] = dtm;
                    count[dtm] = 1;
                    byStep++;
                    return;
                }
                if (t == TAG_QTY_SEGMENT && cur == dtm) {
                    // the QTY after the loop's DTM opens the loop again, if the loop may repeat once more
                    int up = k - 1;
                    int at = frameCur[up];
                    int[] upCount = frameCount[up];
                    if (at > 0 && frameNode[up].children[at] == shape.loop() && upCount[at] < shape.loop().max) {
                        pending = 0;
                        upCount[at]++;
                        frameCur[k] = 0;
                        count[0] = 1;
                        for (int j = 1; j < shape.loop().children.length; j++) {
                            count[j] = 0;
                        }
                        byStep++;
                        return;
                    }
                }
            }
            place(t);
        }

        /**
         * Places the segment in the transaction's structure (the 867 schema's sequence of segments and
         * loops with their repeats); returns its spec, or null (and reports) if it does not fit here.
         */
        SegmentSpec place(int t) {
            int d0 = depth;
            pending = 0;
            int k = depth;
            while (true) {
                Node[] children = frameNode[k].children;
                int[] tags = frameNode[k].childTags;
                int cur = frameCur[k];
                int[] count = frameCount[k];
                int from = (k > 0 && cur == 0) ? 1 : cur; // a loop's first segment opened it
                for (int i = from; i < tags.length; i++) {
                    if (tags[i] != t) {
                        continue;
                    }
                    Node c = children[i];
                    for (int j = cur; j < i; j++) {
                        if (count[j] < children[j].min) {
                            pendingMissing[pending++] = children[j];
                        }
                    }
                    reportPending();
                    frameCur[k] = i;
                    if (++count[i] > c.max) {
                        segmentError(c.isLoop() ? "LOOP_OCCURS_OVER_MAXIMUM_TIMES" : "SEGMENT_EXCEEDS_MAXIMUM_USE",
                                (c.isLoop() ? "loop " + c.id : c.id) + " at most " + c.max + " times", false);
                    }
                    depth = k;
                    while (c.isLoop()) {
                        depth++;
                        frameNode[depth] = c;
                        frameCur[depth] = 0;
                        int[] fc = frameCount[depth];
                        fc[0] = 1;
                        for (int j = 1; j < c.children.length; j++) {
                            fc[j] = 0;
                        }
                        c = c.children[0];
                    }
                    return c.segment;
                }
                // not at this level: what this level still needed, then one level up
                for (int j = cur; j < children.length; j++) {
                    if (count[j] < children[j].min && !(k > 0 && j == 0)) {
                        pendingMissing[pending++] = children[j];
                    }
                }
                if (k == 0) {
                    break;
                }
                k--;
            }
            depth = d0;
            pending = 0;
            boolean known = TRANSACTION_SEGMENTS.containsKey(t);
            segmentError(known ? "SEGMENT_NOT_IN_PROPER_SEQUENCE" : "SEGMENT_NOT_IN_DEFINED_TRANSACTION_SET",
                    known ? tagText() + " cannot stand here (867 schema order: BPT, REF, 3 N1, then PTD loops of PTD, "
                            + "DTM, REF, QTY loops of QTY, MEA, DTM)" : "", false);
            setBroken = true;
            return null;
        }

        void reportPending() {
            for (int i = 0; i < pending; i++) {
                missing(pendingMissing[i]);
            }
            pending = 0;
        }

        void missing(Node node) {
            segmentError("MANDATORY_SEGMENT_MISSING", (node.isLoop() ? "loop " + node.id + " (" + node.firstSegmentId()
                    + ")" : node.id) + " needs at least " + node.min, false);
        }
    }

    // ------------------------------------------------------------------ StAEDI's date and time rules

    /** Dates and times as StAEDI's DateValidator and TimeValidator accept them. */
    static final class DtmRules {
        private static final int THIS_YEAR = LocalDate.now(java.time.ZoneOffset.UTC).getYear();

        private DtmRules() {
        }

        static boolean date(byte[] d, int from, int to) {
            int len = to - from;
            if (len % 2 != 0 || len > 9) {
                return false;
            }
            int v = 0;
            for (int i = from; i < to; i++) {
                byte b = d[i];
                if (b < '0' || b > '9') {
                    return false;
                }
                v = v * 10 + (b - '0');
            }
            int day = v % 100;
            v /= 100;
            int month = v % 100;
            int year = v / 100;
            if (len == 6) {
                int century = THIS_YEAR / 100;
                year = year > THIS_YEAR % 100 ? (century - 1) * 100 + year : century * 100 + year;
            }
            if (day < 1) {
                return false;
            }
            return switch (month) {
            case 1, 3, 5, 7, 8, 10, 12 -> day <= 31;
            case 4, 6, 9, 11 -> day <= 30;
            case 2 -> day <= 28 || (day == 29 && year % 4 == 0 && (year % 100 != 0 || year % 400 == 0));
            default -> false;
            };
        }

        /** {@link #time} of an HHMM time, its four digits taken at once. */
        static boolean time4(byte[] d, int from) {
            int h1 = d[from] - '0';
            int h2 = d[from + 1] - '0';
            int m1 = d[from + 2] - '0';
            int m2 = d[from + 3] - '0';
            if ((h1 | h2 | m1 | m2) < 0 || h1 > 9 || h2 > 9 || m1 > 9 || m2 > 9) {
                return false;
            }
            return h1 * 10 + h2 < 24 && m1 * 10 + m2 < 60;
        }

        static boolean time(byte[] d, int from, int to) {
            int len = to - from;
            if (len < 6 && len % 2 != 0) {
                return false;
            }
            int hr = 0;
            int mi = 0;
            int se = 0;
            for (int i = from, k = 1; i < to; i++, k++) {
                byte b = d[i];
                if (b < '0' || b > '9') {
                    return false;
                }
                int digit = b - '0';
                if (k <= 2) {
                    hr = hr * 10 + digit;
                } else if (k <= 4) {
                    mi = mi * 10 + digit;
                } else if (k <= 6) {
                    se = se * 10 + digit;
                }
            }
            return hr < 24 && mi < 60 && se < 60;
        }
    }
}
