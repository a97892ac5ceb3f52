package energy.mdma.party.auth;

/** The party id is not in the directory. */
public class UnknownPartyException extends RuntimeException {
    private final String partyId;

    public UnknownPartyException(String partyId) {
        super("Party " + partyId + " is not known to the MDMA.", null, false, false);
        this.partyId = partyId;
    }

    public String partyId() {
        return partyId;
    }
}
