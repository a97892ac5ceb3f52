package energy.mdma.e2e;

import energy.mdma.testsupport.Poll;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static energy.mdma.e2e.EndToEndTest.HOME;
import static energy.mdma.e2e.EndToEndTest.OPERATOR_PASSWORD;
import static energy.mdma.e2e.EndToEndTest.SAMPLE;
import static energy.mdma.e2e.EndToEndTest.deleteTree;
import static energy.mdma.e2e.EndToEndTest.logs;
import static energy.mdma.e2e.EndToEndTest.mdma;
import static energy.mdma.e2e.EndToEndTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Manual edits end to end (operations.md section 2) on the whole stack: the sample's held account-period
 * (3892172457, 2025-10-27..2025-11-28: the first 6 intervals of M7471082 missing, nothing to estimate them from)
 * gets no 867; an operator's edit of those intervals resolves it and its original is posted to the UDC; a second
 * edit corrects it (cancellation and reissue), and the withdrawal of that second edit posts cancellation and reissue
 * again, back to the values of the first edit.
 */
class ManualEditEndToEndTest extends OnAFreshStack {
    static final String ACCOUNT = "3892172457";

    /**
     * The 867 reports of the held account-period in the UDC's mailbox, in posting order: "00" for an original of the
     * period (DTM*150 = its start), "01" for a cancellation of one of those originals (a cancellation carries no
     * period: it names the original's reference number in BPT09).
     */
    static List<String> reportsOf(EndToEndTest.Api udc) throws Exception {
        HttpResponse<String> list = udc.send("GET", "/mailboxes/SCE/files?status=all&limit=1000", null);
        assertEquals(200, list.statusCode(), list.body());
        Matcher ids = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"").matcher(list.body());
        List<String> out = new ArrayList<>();
        java.util.Set<String> originals = new java.util.HashSet<>();
        Pattern st = Pattern.compile("ST\\*867\\*.*?SE\\*", Pattern.DOTALL);
        while (ids.find()) {
            String body = udc.send("GET", "/mailboxes/SCE/files/" + ids.group(1), null).body();
            Matcher m = st.matcher(body);
            while (m.find()) {
                String tx = m.group();
                if (!tx.contains("REF*12*" + ACCOUNT + "~")) {
                    continue;
                }
                Matcher bpt = Pattern.compile("BPT\\*([^~]*)~").matcher(tx);
                if (!bpt.find()) {
                    continue;
                }
                String[] e = bpt.group(1).split("\\*", -1);
                if (e[0].equals("00") && tx.contains("DTM*150*20251027~")) {
                    originals.add(e[1]);
                    out.add("00");
                } else if (e[0].equals("01") && originals.contains(e[e.length - 1])) {
                    out.add("01");
                }
            }
        }
        return out;
    }

    static List<String> awaitReports(EndToEndTest.Api udc, int n, String what) throws Exception {
        try {
            return Poll.until(what, Duration.ofMinutes(5), () -> reportsOf(udc), reports -> reports.size() >= n);
        } catch (ConditionTimeoutException e) {
            return fail(e.getMessage() + logs());
        }
    }

    static String edit(String intervals, String comment) {
        return "{\"meterId\":\"M7471082\",\"channel\":1,\"intervals\":[" + intervals + "],"
                + "\"reasonCode\":\"FIELD_READ\",\"comment\":\"" + comment + "\"}";
    }

    @Test
    void aHeldAccountPeriodResolvedByAnEditIsPostedAndTheWithdrawalOfALaterEditIsCorrected() throws Exception {
        EndToEndTest.Result load = mdma(Duration.ofMinutes(20), "acceptance", SAMPLE.toString(),
                HOME.resolve("out-edit").toString());
        assertEquals(0, load.exit(), "./mdma acceptance failed:\n" + load.output() + logs());
        EndToEndTest.Api operator = new EndToEndTest.Api("operator", OPERATOR_PASSWORD);
        String udcPassword = "E2E-udc-password-2026";
        assertEquals(2, operator.send("PUT", "/parties/SCE/password", "{\"password\":\"" + udcPassword + "\"}")
                .statusCode() / 100);
        EndToEndTest.Api udc = new EndToEndTest.Api("SCE", udcPassword);
        assertEquals(List.of(), reportsOf(udc), "the held account-period has no 867");

        // refused edits apply nothing
        assertEquals(400, operator.send("POST", "/edits", edit("{\"end\":\"2025-10-27T00:10-07:00\",\"usage\":\"0.1\"}",
                "read on site by the field crew")).statusCode());
        assertEquals(404, operator.send("POST", "/edits", edit("{\"end\":\"2025-10-27T00:15-07:00\",\"usage\":\"0.1\"}",
                "read on site by the field crew").replace("M7471082", "M0000000")).statusCode());

        StringBuilder six = new StringBuilder();
        for (String t : List.of("00:15", "00:30", "00:45", "01:00", "01:15", "01:30")) {
            six.append(six.length() == 0 ? "" : ",").append("{\"end\":\"2025-10-27T").append(t)
                    .append("-07:00\",\"usage\":\"0.0800\"}");
        }
        HttpResponse<String> first = operator.send("POST", "/edits", edit(six.toString(), "read on site by the field crew"));
        assertEquals(201, first.statusCode(), first.body());
        assertEquals(List.of("00"), awaitReports(udc, 1, "the original of the resolved account-period"));

        HttpResponse<String> second = operator.send("POST", "/edits",
                edit("{\"end\":\"2025-11-05T12:00-08:00\",\"usage\":\"0.5000\"}", "customer confirmed the usage"));
        assertEquals(201, second.statusCode(), second.body());
        assertEquals(List.of("00", "01", "00"), awaitReports(udc, 3, "cancellation and reissue after the second edit"));

        Matcher id = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"").matcher(second.body());
        assertTrue(id.find());
        HttpResponse<String> withdrawn = operator.send("DELETE", "/edits/" + id.group(1),
                "{\"comment\":\"entered for the wrong interval\"}");
        assertEquals(200, withdrawn.statusCode(), withdrawn.body());
        assertEquals(List.of("00", "01", "00", "01", "00"),
                awaitReports(udc, 5, "cancellation and reissue after the withdrawal"));
    }
}
