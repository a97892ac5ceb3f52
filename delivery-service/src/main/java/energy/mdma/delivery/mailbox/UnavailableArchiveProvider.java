package energy.mdma.delivery.mailbox;

import java.time.LocalDate;
import java.util.Optional;

/** Placeholder until the archive is connected: every request is answered "not available" (501). */
public class UnavailableArchiveProvider implements ArchiveProvider {
    @Override
    public Optional<ArchiveDocument> usage(String party, String account, LocalDate from, LocalDate to) {
        throw new ArchiveUnavailableException("The archive is not connected to this delivery server yet.");
    }
}
