package energy.mdma.delivery.security;

import energy.mdma.delivery.audit.AuditAction;
import energy.mdma.delivery.audit.AuditOutcome;
import energy.mdma.delivery.audit.Auditor;
import energy.mdma.party.model.Party;
import energy.mdma.party.model.PartyDirectory;
import energy.mdma.party.model.Role;
import energy.mdma.service.auth.Caller;
import energy.mdma.service.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Who may reach what. A UDC or ESP reaches only its own mailbox, summary and archive; operators reach every
 * party's (each read audited like any other); head-end systems have no mailbox. Refusals are audited.
 */
@ApplicationScoped
public class Access {

    @Inject
    Caller caller;
    @Inject
    PartyDirectory directory;
    @Inject
    Auditor auditor;

    /** Throws 403/404 problems (audited) unless the caller may reach {@code party}'s mailbox/archive. */
    public void requireMailbox(String party, AuditAction action, String resource) {
        String me = caller.id();
        if (!caller.isOperator()) {
            if (!me.equals(party)) {
                auditor.record(action, party, resource, AuditOutcome.DENIED, "not own mailbox");
                throw ProblemException.forbidden("You are authenticated as " + me + " and may only reach your own mailbox and archive: use "
                        + "/api/v1/mailboxes/" + me + "/... and /api/v1/archive/" + me + "/...");
            }
            if (!caller.principal().role().hasMailbox()) {
                auditor.record(action, party, resource, AuditOutcome.DENIED, "role has no mailbox");
                throw ProblemException.forbidden(me + " is a " + caller.principal().role()
                        + " party, which has no mailbox: only the UDC and ESPs receive files.");
            }
            return;
        }
        if (!Party.isValidId(party) || directory.party(party).filter(p -> p.role().hasMailbox()).isEmpty()) {
            auditor.record(action, party, resource, AuditOutcome.NOT_FOUND, "no such mailbox");
            throw ProblemException.notFound("There is no mailbox for party '" + party
                    + "': check the party id (UDC and ESP parties have mailboxes).");
        }
    }

    /** Throws 403 (audited) unless the caller is an operator. */
    public void requireOperator(AuditAction action, String resource) {
        if (!caller.isOperator()) {
            auditor.record(action, null, resource, AuditOutcome.DENIED, "operators only");
            throw ProblemException.forbidden("Only MDMA operators may do this; you are authenticated as " + caller.id() + ".");
        }
    }

    /** Throws 403 (audited) unless the caller is an operator or {@code principal} itself. */
    public void requireSelfOrOperator(String principal, AuditAction action) {
        if (!caller.isOperator() && !caller.id().equals(principal)) {
            auditor.record(action, principal, null, AuditOutcome.DENIED, "not self");
            throw ProblemException.forbidden("You may only change your own password (PUT /api/v1/parties/"
                    + caller.id() + "/password); operators may change any party's.");
        }
    }

    /**
     * Throws 403 (audited) unless the caller is an operator or the UDC {@code udc} itself (timeliness figures of
     * a UDC: its own, not another UDC's; ESPs and head-ends have none).
     */
    public void requireUdcOrOperator(String udc, AuditAction action, String resource) {
        if (caller.isOperator()) {
            return;
        }
        String me = caller.id();
        if (!caller.principal().role().equals(Role.UDC)) {
            auditor.record(action, udc, resource, AuditOutcome.DENIED, "not a UDC");
            throw ProblemException.forbidden("The timeliness figures are for the UDC and the MDMA operators; you are "
                    + "authenticated as " + me + " (" + caller.principal().role() + ").");
        }
        if (!me.equals(udc)) {
            auditor.record(action, udc, resource, AuditOutcome.DENIED, "not own figures");
            throw ProblemException.forbidden("You are authenticated as " + me + " and may only read your own "
                    + "timeliness figures: use ?udc=" + me + ".");
        }
    }

    /** Throws 403 (audited) unless the caller is an operator: the SLA dashboard page. */
    public void requireOperatorPage(AuditAction action, String resource) {
        if (!caller.isOperator()) {
            auditor.record(action, null, resource, AuditOutcome.DENIED, "operators only");
            throw ProblemException.forbidden("The SLA dashboard is for MDMA operators; you are authenticated as "
                    + caller.id() + ". A UDC reads its own figures at GET /api/v1/timeliness?udc=" + caller.id() + ".");
        }
    }
}
