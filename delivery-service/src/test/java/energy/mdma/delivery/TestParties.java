package energy.mdma.delivery;

import energy.mdma.delivery.mailbox.DocumentKind;
import energy.mdma.delivery.mailbox.MailboxFile;
import energy.mdma.delivery.mailbox.MailboxStore;
import energy.mdma.party.auth.PartyRegistry;
import energy.mdma.party.model.Party;
import energy.mdma.party.model.Role;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Test fixtures: parties, their (test-only) passwords, and request specs over HTTPS. */
public final class TestParties {

    public static final String OPERATOR = "operator";
    /** Test-only value, also in application.properties under %test. */
    public static final String OPERATOR_PW = "Test-operator-pass-1";

    private TestParties() {
    }

    public static String pw(String party) {
        return OPERATOR.equals(party) ? OPERATOR_PW : "Test-" + party.toLowerCase(Locale.ROOT) + "-password";
    }

    public static void ensure(PartyRegistry registry, String id, Role role) {
        registry.upsertParty(new Party(id, role, id + " name", "00" + Math.abs(id.hashCode())), "test");
        registry.setPassword(id, pw(id).toCharArray(), "test");
    }

    public static MailboxFile post867(MailboxStore store, String party, String tag) {
        String name = "MDMA_867_" + party + "_20260301120000_" + tag + ".x12";
        return store.post(party, name, DocumentKind.EDI_867, ("ISA*00*...*" + party + "*" + tag + "~\n").getBytes(StandardCharsets.UTF_8));
    }

    public static MailboxFile postSummary(MailboxStore store, String party) {
        String name = "MDMA_SUMMARY_" + party + "_20260301120000.csv";
        String csv = "service_account,meter_id,channel,uom,period_start,period_end,intervals_expected,intervals_actual,"
                + "intervals_estimated,total,register_start,register_end,failure_points\n"
                + "ACC-" + party + ",M1,1,KWH,2026-02-01,2026-03-01,2688,2688,0,12.5,,,\n";
        return store.post(party, name, DocumentKind.SUMMARY, csv.getBytes(StandardCharsets.UTF_8));
    }

    public static RequestSpecification as(URL base, String user) {
        return as(base, user, pw(user));
    }

    public static RequestSpecification as(URL base, String user, String password) {
        return anonymous(base).auth().preemptive().basic(user, password);
    }

    public static RequestSpecification anonymous(URL base) {
        return RestAssured.given().baseUri(base.toString().replaceAll("/$", "")).relaxedHTTPSValidation();
    }
}
