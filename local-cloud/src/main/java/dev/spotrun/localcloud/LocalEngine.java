package dev.spotrun.localcloud;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import java.time.Duration;

/**
 * The local Docker engine, on which the local cloud runs its fake hosts and its registry: one client for the
 * process, found as the docker CLI finds it ({@code DOCKER_HOST}, {@code DOCKER_TLS_VERIFY},
 * {@code DOCKER_CERT_PATH}, else the local socket). No API version is pinned: the engine's own stands, so an
 * older engine (API 1.41) is spoken to in its version.
 */
public final class LocalEngine {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** A push or a restart answers in pieces or within seconds; an engine silent this long is stuck. */
    private static final Duration RESPONSE_TIMEOUT = Duration.ofMinutes(3);
    private static final int MAX_CONNECTIONS = 64;

    private LocalEngine() {
    }

    /** The client of the local engine; made at first use, shared by every caller. */
    public static DockerClient client() {
        return Holder.CLIENT;
    }

    private static final class Holder {
        private static final DockerClient CLIENT = create();

        private static DockerClient create() {
            DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().build();
            ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder().dockerHost(config.getDockerHost())
                    .sslConfig(config.getSSLConfig()).maxConnections(MAX_CONNECTIONS)
                    .connectionTimeout(CONNECT_TIMEOUT).responseTimeout(RESPONSE_TIMEOUT).build();
            return DockerClientImpl.getInstance(config, http);
        }
    }
}
