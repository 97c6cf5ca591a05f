package dev.spotrun.testkit.localcloud;

import dev.spotrun.localcloud.LocalCloud;
import java.util.Objects;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 support for the {@link LocalCloud}: one cloud for the tests of a class, started before the first
 * and closed after the last, with its faults and recorded requests cleared before each test. Test methods and
 * constructors may take the {@link LocalCloud} as a parameter.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final LocalCloudExtension LOCAL = new LocalCloudExtension();
 *
 * @Test
 * void launches(LocalCloud cloud) { ... cloud.endpoint() ... }
 * }</pre>
 *
 * <p>Or {@code @ExtendWith(LocalCloudExtension.class)} for an in-process cloud with default settings.
 */
public final class LocalCloudExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        ParameterResolver {

    private final Supplier<LocalCloud> starter;
    private LocalCloud cloud;

    /** A cloud of {@link LocalCloud#start()}: in us-east-1, instances in process. */
    public LocalCloudExtension() {
        this(LocalCloud::start);
    }

    /** A cloud started from this builder, e.g. with fake EC2 hosts and a registry. */
    public LocalCloudExtension(LocalCloud.Builder builder) {
        this(Objects.requireNonNull(builder, "builder")::start);
    }

    private LocalCloudExtension(Supplier<LocalCloud> starter) {
        this.starter = starter;
    }

    /** The running cloud. */
    public LocalCloud cloud() {
        if (cloud == null) {
            throw new IllegalStateException("the local cloud starts before the first test of the class");
        }
        return cloud;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (cloud == null) {
            cloud = starter.get();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        beforeAll(context);
        cloud.faults().clear();
        cloud.clearRequests();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (cloud != null) {
            cloud.close();
            cloud = null;
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LocalCloud.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        beforeAll(context);
        return cloud;
    }
}
