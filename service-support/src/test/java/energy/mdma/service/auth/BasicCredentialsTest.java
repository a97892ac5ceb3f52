package energy.mdma.service.auth;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BasicCredentialsTest {

    private static String basic(String s) {
        return "Basic " + Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void decodesUserAndPasswordWithColonsAndUtf8() {
        BasicCredentials c = BasicCredentials.decode(basic("SCE:pä:ss wörd")).orElseThrow();
        assertEquals("SCE", c.user());
        assertArrayEquals("pä:ss wörd".toCharArray(), c.password());
        c.close();
        assertArrayEquals(new char[10], c.password(), "close wipes the password");
        assertTrue(BasicCredentials.decode("basic " + basic("a:b").substring(6)).isPresent(), "scheme case-insensitive");
    }

    @Test
    void refusesWhatIsNotBasic() {
        assertFalse(BasicCredentials.isBasic(null));
        assertFalse(BasicCredentials.isBasic("Bearer abc"));
        assertTrue(BasicCredentials.decode("Bearer abc").isEmpty());
        assertTrue(BasicCredentials.decode("Basic !!!").isEmpty(), "not base64");
        assertTrue(BasicCredentials.decode(basic("no-colon")).isEmpty());
        assertTrue(BasicCredentials.decode("Basic " + Base64.getEncoder().encodeToString(new byte[]{'a', ':', (byte) 0xff}))
                .isEmpty(), "not UTF-8");
    }
}
