package energy.mdma.delivery.archive;

import java.nio.charset.StandardCharsets;

/** Small 867 interchanges in the MDMA's layout (edi-867.md), for the archive tests. */
public final class Sample867 {

    private Sample867() {
    }

    /** One transaction set: an original with one interval-less summary loop. */
    public static String original(int st, String reportId, String account, String from, String to, String qty) {
        return "ST*867*" + String.format("%04d", st) + "~\n"
                + "BPT*00*" + reportId + "*20260301*DD~\n"
                + "REF*12*" + account + "~\n"
                + "N1*8S*UTILITY*1*111111111~\n"
                + "N1*SJ*ESP ONE*1*222222222~\n"
                + "N1*8R*CUSTOMER " + account + "~\n"
                + "PTD*BO~\n"
                + "DTM*150*" + from + "~\n"
                + "DTM*151*" + to + "~\n"
                + "REF*MG*M-" + account + "~\n"
                + "REF*6W*1~\n"
                + "QTY*QD*" + qty + "*KH~\n"
                + "MEA*AA*PRQ*1*KH*100*" + qty + "*51~\n"
                + "SE*14*" + String.format("%04d", st) + "~\n";
    }

    public static String cancellation(int st, String reportId, String cancelled, String account) {
        return "ST*867*" + String.format("%04d", st) + "~\n"
                + "BPT*01*" + reportId + "*20260302*DD*****" + cancelled + "~\n"
                + "REF*12*" + account + "~\n"
                + "N1*8S*UTILITY*1*111111111~\n"
                + "N1*SJ*ESP ONE*1*222222222~\n"
                + "N1*8R*CUSTOMER " + account + "~\n"
                + "SE*7*" + String.format("%04d", st) + "~\n";
    }

    /** An interchange from the MDMA (duns 999999999) to the receiver duns 111111111 holding the given sets. */
    public static byte[] interchange(long isa13, String... sets) {
        String ctl = String.format("%09d", isa13);
        StringBuilder sb = new StringBuilder()
                .append("ISA*00*          *00*          *01*999999999      *01*111111111      *260301*1200*U*00401*")
                .append(ctl).append("*0*T*>~\n")
                .append("GS*PT*999999999*111111111*20260301*1200*").append(isa13).append("*X*004010~\n");
        for (String s : sets) {
            sb.append(s);
        }
        sb.append("GE*").append(sets.length).append("*").append(isa13).append("~\n");
        sb.append("IEA*1*").append(ctl).append("~\n");
        return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
