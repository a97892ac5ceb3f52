package energy.mdma.delivery;

import energy.mdma.testsupport.Poll;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * No operator password configured: the generated one is handed over in an owner-only file (never in the log), and
 * that file is gone as soon as the operator has set a password of its own.
 */
@QuarkusTest
@TestProfile(OperatorPasswordFileTest.NoOperatorPassword.class)
@WithTestResource(value = TlsTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FreshLogTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class OperatorPasswordFileTest {

    /** The same directory in every class loader of this JVM, new for each test run. */
    static final Path HOME = Path.of("target", "mdma-operator-test-" + ProcessHandle.current().pid());

    public static class NoOperatorPassword implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mdma.operator.initial-password", "", "mdma.home", HOME.toString());
        }
    }

    @TestHTTPResource(value = "/", tls = true)
    URL base;

    @Test
    void theGeneratedPasswordIsInAnOwnerOnlyFileUntilTheOperatorSetsItsOwn() throws Exception {
        Path file = HOME.resolve("operator-initial-password");
        // the operator is bootstrapped once the parties' replay has caught up
        Poll.until("the operator's generated password file", TestLog.WAIT, () -> Files.isRegularFile(file));
        assertTrue(Files.isRegularFile(file), "the generated password is handed over in " + file);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        String generated = Files.readString(file, StandardCharsets.UTF_8).strip();
        assertTrue(generated.length() >= 20);
        TestParties.as(base, TestParties.OPERATOR, generated).get("/api/v1/notices").then().statusCode(200);

        TestParties.as(base, TestParties.OPERATOR, generated).contentType("application/json")
                .body("{\"password\":\"Operators-own-password-1\"}")
                .put("/api/v1/parties/operator/password").then().statusCode(200);
        assertFalse(Files.exists(file), "the file of the dead password is deleted");
        TestParties.as(base, TestParties.OPERATOR, generated).get("/api/v1/notices").then().statusCode(401);
        TestParties.as(base, TestParties.OPERATOR, "Operators-own-password-1").get("/api/v1/notices").then().statusCode(200);
    }
}
