package energy.mdma.delivery.mail;

import energy.mdma.delivery.app.KafkaSupport;
import energy.mdma.events.PartyContacts;
import energy.mdma.events.kafka.Topics;
import energy.mdma.service.text.SafeText;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The parties' e-mail contacts (operations.md section 3). With Kafka they are events on the compacted topic
 * mdma.party.contacts (delivery's master data, key: party id), applied here by the replay of
 * {@link energy.mdma.delivery.kafka.EventViews}; without Kafka they live only here.
 */
@Singleton
public class ContactBook {

    /** At most this many addresses per party. */
    public static final int MAX_ADDRESSES = 10;
    /** RFC 5321's limit of a forward path. */
    public static final int MAX_LENGTH = 254;

    /**
     * A plain mailbox address: local part of the RFC 5322 atom characters (dots between them), a domain of labels of
     * letters, digits and hyphens with at least one dot. No display names, quotes, spaces, commas or line breaks
     * (nothing that could add a recipient or a header).
     */
    private static final Pattern ADDRESS = Pattern.compile(
            "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                    + "@[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");

    private final Map<String, List<String>> byParty = new ConcurrentHashMap<>();

    @Inject
    KafkaSupport kafka;

    /** The party's addresses (empty when it has none). */
    public List<String> emails(String party) {
        return byParty.getOrDefault(party, List.of());
    }

    /** Every party that has at least one address. */
    public Map<String, List<String>> all() {
        return Map.copyOf(byParty);
    }

    /** Writes the party's contacts (to the log first, when there is one) and applies them. */
    public void set(String party, List<String> emails, String by, Instant at) {
        if (kafka != null) {
            kafka.log().send(Topics.CONTACTS, party, PartyContacts.newBuilder().setPartyId(party)
                    .setEmails(new ArrayList<>(emails)).setChangedBy(by).setChangedAt(at).build());
        }
        apply(party, emails);
    }

    /** Applies contacts read from the log (the latest event of a party is in force; a tombstone removes them). */
    public void apply(String party, List<String> emails) {
        if (emails == null || emails.isEmpty()) {
            byParty.remove(party);
        } else {
            byParty.put(party, List.copyOf(emails));
        }
    }

    public void apply(String key, PartyContacts event) {
        if (event == null) {
            apply(key, List.of());
        } else {
            apply(event.getPartyId(), event.getEmails().stream().map(CharSequence::toString).toList());
        }
    }

    /**
     * Checks and normalises a list of addresses (trimmed, domain in lower case, duplicates removed in order).
     *
     * @return the message a person can act on when the list is refused, else empty
     */
    public static Optional<String> problem(List<String> emails) {
        if (emails == null) {
            return Optional.of("Send JSON {\"emails\": [\"ops@example.com\", ...]} (an empty list removes the contacts).");
        }
        if (emails.size() > MAX_ADDRESSES) {
            return Optional.of("At most " + MAX_ADDRESSES + " addresses per party; " + emails.size() + " were sent.");
        }
        for (int i = 0; i < emails.size(); i++) {
            String e = emails.get(i);
            if (e == null || e.isBlank()) {
                return Optional.of("emails[" + i + "] is empty: send a mailbox address such as ops@example.com.");
            }
            String t = e.strip();
            if (t.length() > MAX_LENGTH) {
                return Optional.of("emails[" + i + "] is longer than " + MAX_LENGTH + " characters.");
            }
            if (!ADDRESS.matcher(t).matches() || t.indexOf('@') > 64) {
                return Optional.of("emails[" + i + "] is not a plain e-mail address (name@domain.tld, no display name, "
                        + "spaces, quotes or commas): '" + SafeText.cap(t, 80) + "'.");
            }
        }
        return Optional.empty();
    }

    /** The addresses as stored: trimmed, the domain in lower case, each once. */
    public static List<String> normalize(List<String> emails) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String e : emails) {
            String t = e.strip();
            int at = t.lastIndexOf('@');
            out.add(t.substring(0, at) + "@" + t.substring(at + 1).toLowerCase(Locale.ROOT));
        }
        return List.copyOf(out);
    }
}
