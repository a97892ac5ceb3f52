package energy.mdma.delivery;

import energy.mdma.delivery.mailbox.ArchiveProvider;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Optional;

/** Test archive: account ACC-{party} has data; account DOWN answers "unavailable"; anything else is empty. */
@Singleton
public class FakeArchiveProvider implements ArchiveProvider {
    @Override
    public Optional<ArchiveDocument> usage(String party, String account, LocalDate from, LocalDate to) {
        if ("DOWN".equals(account)) {
            throw new ArchiveUnavailableException("The archive is down for the test.");
        }
        if (!("ACC-" + party).equals(account)) {
            return Optional.empty();
        }
        String body = "ISA*...*" + party + "*" + account + "*" + from + "*" + to + "~\n";
        return Optional.of(new ArchiveDocument("MDMA_867_" + party + "_ARCHIVE.x12", body.getBytes(StandardCharsets.UTF_8)));
    }
}
