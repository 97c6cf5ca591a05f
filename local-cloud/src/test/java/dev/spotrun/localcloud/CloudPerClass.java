package dev.spotrun.localcloud;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One in-process local cloud for the tests of a class, with its faults and recorded requests cleared before
 * each test. The testkit's {@code LocalCloudExtension} does this for users of the local cloud; the testkit
 * depends on this module, so this module's own tests cannot use it.
 */
final class CloudPerClass implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {

    private LocalCloud cloud;

    LocalCloud cloud() {
        if (cloud == null) {
            throw new IllegalStateException("the local cloud starts before the first test of the class");
        }
        return cloud;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        cloud = LocalCloud.start();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        cloud().faults().clear();
        cloud().clearRequests();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (cloud != null) {
            cloud.close();
            cloud = null;
        }
    }
}
