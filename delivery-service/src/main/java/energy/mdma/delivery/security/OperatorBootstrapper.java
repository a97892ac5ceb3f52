package energy.mdma.delivery.security;

import energy.mdma.delivery.app.DeliveryConfig;
import energy.mdma.party.auth.OperatorBootstrap;
import energy.mdma.party.auth.PartyRegistry;
import energy.mdma.party.auth.PasswordHasher;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * At start, gives the first operator ("operator") a password when it has none: MDMA_OPERATOR_PASSWORD
 * (config mdma.operator.initial-password), or a generated one.
 *
 * <p>A generated password is never logged (logs are kept, shipped and read by others): it is written to
 * {@code mdma.operator.initial-password-file} (default {@code $MDMA_HOME/operator-initial-password}), readable by the
 * service's user only, and the log says where. That file is deleted as soon as the operator's password is changed
 * (through the API, or found changed at a later start), so the password it held never outlives its use.
 */
@Singleton
public class OperatorBootstrapper {

    private static final Logger LOG = Logger.getLogger(OperatorBootstrapper.class);

    @jakarta.inject.Inject
    PartyRegistry registry;
    @jakarta.inject.Inject
    DeliveryConfig config;
    @jakarta.inject.Inject
    PasswordHasher hasher;

    // run by EventViews once mdma.parties and mdma.credentials are replayed, so that an operator credential already
    // in the log is seen and no second password is generated

    /** Gives the first operator a password when the directory holds none for it. */
    public void run() {
        Path file = Path.of(config.operator().initialPasswordFile());
        OperatorBootstrap.Result r = OperatorBootstrap.ensureOperator(registry,
                config.operator().initialPassword().orElse(null), generated -> writeOwnerOnly(file, generated));
        switch (r) {
            case GENERATED -> LOG.warnf("No operator password was configured: generated one for user '%s' and wrote it "
                            + "to %s (readable by this service's user only; never logged). Log in with it and set your "
                            + "own with PUT /api/v1/parties/%s/password: the file is deleted then. Or set %s before the "
                            + "first start.", OperatorBootstrap.OPERATOR_ID, file.toAbsolutePath(),
                    OperatorBootstrap.OPERATOR_ID, OperatorBootstrap.ENV_PASSWORD);
            case FROM_ENVIRONMENT -> LOG.infof("Operator '%s' password taken from %s: change it with PUT "
                            + "/api/v1/parties/%s/password and remove %s from the environment.",
                    OperatorBootstrap.OPERATOR_ID, OperatorBootstrap.ENV_PASSWORD, OperatorBootstrap.OPERATOR_ID,
                    OperatorBootstrap.ENV_PASSWORD);
            case ALREADY_SET -> forgetIfChanged(file);
        }
    }

    /** The operator's password was changed: the generated one is dead, its file goes. */
    public void forgetInitialPassword() {
        Path file = Path.of(config.operator().initialPasswordFile());
        try {
            if (Files.deleteIfExists(file)) {
                LOG.infof("The operator's password was changed: deleted the initial password file %s", file.toAbsolutePath());
            }
        } catch (IOException e) {
            LOG.errorf("The operator's password was changed but the initial password file %s could not be deleted "
                    + "(%s): delete it by hand", file.toAbsolutePath(), e.getClass().getSimpleName());
        }
    }

    /** At a start: a file whose password is not the operator's current one is stale (changed elsewhere). */
    private void forgetIfChanged(Path file) {
        if (!Files.isRegularFile(file)) {
            return;
        }
        try {
            char[] held = Files.readString(file, StandardCharsets.UTF_8).strip().toCharArray();
            boolean current = registry.directory().credential(OperatorBootstrap.OPERATOR_ID)
                    .map(c -> hasher.verify(held, c.passwordHash())).orElse(false);
            java.util.Arrays.fill(held, '\0');
            if (!current) {
                forgetInitialPassword();
            }
        } catch (IOException e) {
            LOG.warnf("cannot read the initial operator password file %s (%s)", file.toAbsolutePath(),
                    e.getClass().getSimpleName());
        }
    }

    private static void writeOwnerOnly(Path file, String password) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = dir.resolve(file.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            try {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(tmp);
            }
            Files.writeString(tmp, password + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the generated operator password to " + file.toAbsolutePath()
                    + " (mdma.operator.initial-password-file): set " + OperatorBootstrap.ENV_PASSWORD + " instead", e);
        }
    }
}
