package energy.mdma.delivery.api;

import energy.mdma.delivery.app.DeliveryConfig;
import energy.mdma.delivery.audit.AuditAction;
import energy.mdma.delivery.audit.AuditOutcome;
import energy.mdma.delivery.audit.Auditor;
import energy.mdma.delivery.security.Access;
import energy.mdma.service.auth.Caller;
import energy.mdma.service.problem.ProblemException;
import jakarta.inject.Inject;

/**
 * What every resource of the API uses: who calls ({@link Caller}), what they may do ({@link Access}), the audit trail
 * ({@link Auditor}), and the page size of a listing read the same way everywhere.
 */
abstract class ApiResource {

    @Inject
    Access access;
    @Inject
    Auditor auditor;
    @Inject
    Caller caller;

    /**
     * The page size asked for with {@code limit=}: none, the configured default (at most the maximum); a whole number
     * from 1 to the maximum, that; anything else is audited (INVALID, detail "limit") and refused with 400.
     */
    int pageLimit(String limit, DeliveryConfig.Mailbox paging, AuditAction action, String party, String resource) {
        int max = paging.maxLimit();
        if (limit == null || limit.isBlank()) {
            return Math.min(paging.defaultLimit(), max);
        }
        try {
            int n = Integer.parseInt(limit.trim());
            if (n >= 1 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        auditor.record(action, party, resource, AuditOutcome.INVALID, "limit");
        throw ProblemException.badRequest("limit must be a whole number from 1 to " + max + ".");
    }
}
