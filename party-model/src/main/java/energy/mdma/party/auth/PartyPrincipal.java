package energy.mdma.party.auth;

import energy.mdma.party.model.Party;
import energy.mdma.party.model.Role;

import java.security.Principal;

/** An authenticated party (or operator). */
public record PartyPrincipal(Party party) implements Principal {

    @Override
    public String getName() {
        return party.id();
    }

    public Role role() {
        return party.role();
    }

    public boolean isOperator() {
        return party.isOperator();
    }
}
