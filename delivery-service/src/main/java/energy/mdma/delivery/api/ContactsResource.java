package energy.mdma.delivery.api;

import energy.mdma.delivery.audit.AuditAction;
import energy.mdma.delivery.audit.AuditOutcome;
import energy.mdma.delivery.kafka.EventViews;
import energy.mdma.delivery.mail.ContactBook;
import energy.mdma.party.model.PartyDirectory;
import energy.mdma.service.problem.ProblemException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** A party's e-mail contacts (operations.md section 3): operators, or the party itself for its own. */
@Path("/api/v1/parties/{party}/contacts")
@Tag(name = "parties")
@Produces(MediaType.APPLICATION_JSON)
public class ContactsResource extends ApiResource {

    public record ContactsBody(List<String> emails) {
    }

    public record ContactsView(String party, List<String> emails) {
    }

    @Inject
    ContactBook contacts;
    @Inject
    PartyDirectory directory;
    @Inject
    EventViews views;
    @Inject
    Clock clock;

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set a party's e-mail contacts (operators, or the party itself): JSON {\"emails\": [\"...\"]}, "
            + "at most 10 plain addresses; an empty list removes them. Data-availability, timeliness and outage "
            + "notices are mailed to them.")
    public ContactsView put(@PathParam("party") String party, ContactsBody body) {
        requireSelfOrOperator(party);
        List<String> emails = body == null ? null : body.emails();
        var problem = ContactBook.problem(emails);
        if (problem.isPresent()) {
            auditor.record(AuditAction.CONTACTS, party, null, AuditOutcome.INVALID, "addresses refused");
            throw ProblemException.badRequest(problem.get() + " Nothing was changed.");
        }
        requireKnown(party);
        List<String> normalized = ContactBook.normalize(emails);
        contacts.set(party, normalized, caller.id(), clock.instant());
        auditor.record(AuditAction.CONTACTS, party, null, AuditOutcome.SUCCESS,
                normalized.size() + " address(es) set by " + caller.id());
        return new ContactsView(party, normalized);
    }

    @GET
    @Operation(summary = "A party's e-mail contacts (operators, or the party itself)")
    public ContactsView get(@PathParam("party") String party) {
        requireSelfOrOperator(party);
        requireKnown(party);
        return new ContactsView(party, contacts.emails(party));
    }

    private void requireSelfOrOperator(String party) {
        if (!caller.isOperator() && !caller.id().equals(party)) {
            auditor.record(AuditAction.CONTACTS, party, null, AuditOutcome.DENIED, "not self");
            throw ProblemException.forbidden("You may only reach your own contacts (/api/v1/parties/" + caller.id()
                    + "/contacts); operators may set any party's.");
        }
    }

    private void requireKnown(String party) {
        if (directory.party(party).isEmpty()) {
            views.syncParties(Duration.ofSeconds(10));
        }
        if (directory.party(party).isEmpty()) {
            auditor.record(AuditAction.CONTACTS, party, null, AuditOutcome.NOT_FOUND, "unknown party");
            throw ProblemException.notFound("Party '" + party + "' is not known to the MDMA: check the party id.");
        }
    }
}
