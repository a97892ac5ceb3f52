package energy.mdma.bench;

import energy.mdma.events.PrevailingTime;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** Writes 867 interchanges in the layout of edi-867.md for the parser's tests (segments joined at the end). */
final class X12Fixture {
    private static final DateTimeFormatter D8 = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final DateTimeFormatter HM = DateTimeFormatter.ofPattern("HHmm");
    private static final ZoneId LA = PrevailingTime.ZONE;

    final List<String> segments = new ArrayList<>();
    private int transactions;
    private int txStart;

    X12Fixture(long isa13) {
        String n = String.format("%09d", isa13);
        segments.add("ISA*00*          *00*          *01*123456789      *01*375040116      *261203*2229*U*00401*" + n
                + "*0*P*>");
        segments.add("GS*PT*123456789*375040116*20261203*2229*" + isa13 + "*X*004010");
    }

    X12Fixture st(String purpose, String reportId, String cancelled, String account) {
        transactions++;
        txStart = segments.size();
        segments.add("ST*867*" + String.format("%04d", transactions));
        segments.add(cancelled == null ? "BPT*" + purpose + "*" + reportId + "*20261203*C1"
                : "BPT*" + purpose + "*" + reportId + "*20261203*C1*****" + cancelled);
        segments.add("REF*12*" + account);
        segments.add("N1*8S*Southern California Edison*1*375040116");
        segments.add("N1*SJ*Bench Energy Services*1*958214165");
        segments.add("N1*8R*Bench customer 1");
        return this;
    }

    /** The summary and interval loops of an Expected, with intervals {@code kaAt} (index, or -1) estimated. */
    X12Fixture loops(BenchData.Expected e, int kaAt) {
        String from = D8.format(e.from());
        String to = D8.format(e.to());
        head("BO", from, to, e);
        segments.add("QTY*" + (kaAt >= 0 ? "KA" : "QD") + "*" + ContentCheck.fmt(e.total1e4()) + "*KH");
        head("PM", from, to, e);
        for (int i = 0; i < e.intervalEnds().length; i++) {
            segments.add("QTY*" + (i == kaAt ? "KA" : "QD") + "*" + ContentCheck.fmt(e.usage1e4()[i]) + "*KH");
            ZonedDateTime z = Instant.ofEpochSecond(e.intervalEnds()[i]).atZone(LA);
            String zone = z.getOffset().getTotalSeconds() == -7 * 3600 ? "PD" : "PS";
            segments.add("DTM*582*" + D8.format(z) + "*" + HM.format(z) + "*" + zone);
        }
        return this;
    }

    private void head(String type, String from, String to, BenchData.Expected e) {
        segments.add("PTD*" + type);
        segments.add("DTM*150*" + from);
        segments.add("DTM*151*" + to);
        segments.add("REF*MG*" + e.meterId());
        segments.add("REF*6W*" + e.channel());
    }

    X12Fixture se() {
        int count = segments.size() - txStart + 1;
        segments.add("SE*" + count + "*" + String.format("%04d", transactions));
        return this;
    }

    byte[] end(long isa13) {
        segments.add("GE*" + transactions + "*" + isa13);
        segments.add("IEA*1*" + String.format("%09d", isa13));
        return text().getBytes(StandardCharsets.US_ASCII);
    }

    String text() {
        StringBuilder sb = new StringBuilder();
        for (String s : segments) {
            sb.append(s).append("~\n");
        }
        return sb.toString();
    }
}
