package energy.mdma.party.model;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A party known to the MDMA. The id is also the user name the party authenticates with (HTTP Basic);
 * an operator's id is the operator's name.
 *
 * @param id   stable id, 1-64 characters of {@code [A-Za-z0-9._-]}, not "." or ".."
 * @param role what the party is
 * @param name display name (may be empty)
 * @param duns DUNS number used in X12 envelopes (may be null, e.g. for operators)
 */
public record Party(String id, Role role, String name, String duns) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public Party {
        Objects.requireNonNull(role, "role");
        if (!isValidId(id)) {
            throw new IllegalArgumentException("party id must be 1-64 characters of A-Z a-z 0-9 . _ - (and not . or ..)");
        }
        name = name == null ? "" : name;
    }

    /** True when the text may be used as a party id (no path tricks: not "." nor ".."). */
    public static boolean isValidId(String id) {
        return id != null && ID.matcher(id).matches() && !id.equals(".") && !id.equals("..");
    }

    public boolean isOperator() {
        return role == Role.OPERATOR;
    }
}
