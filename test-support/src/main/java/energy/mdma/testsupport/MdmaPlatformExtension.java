package energy.mdma.testsupport;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension: starts the JVM's {@link MdmaTestPlatform} (broker + registry + topics) before the test
 * class and injects it into test and lifecycle method parameters (and constructors) of type
 * {@link MdmaTestPlatform}.
 *
 * <pre>
 * &#64;ExtendWith(MdmaPlatformExtension.class)
 * class MyTest {
 *     &#64;Test
 *     void produces(MdmaTestPlatform platform) {
 *         var props = platform.kafkaClientProperties();
 *         ...
 *     }
 * }
 * </pre>
 *
 * The platform is shared by every test class of the JVM and stopped when the JVM exits.
 */
public class MdmaPlatformExtension implements BeforeAllCallback, ParameterResolver {

    @Override
    public void beforeAll(ExtensionContext context) {
        MdmaTestPlatform.get();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == MdmaTestPlatform.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return MdmaTestPlatform.get();
    }
}
