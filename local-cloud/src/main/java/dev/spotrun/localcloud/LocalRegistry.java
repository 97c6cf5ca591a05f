package dev.spotrun.localcloud;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PushResponseItem;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.Volume;
import dev.spotrun.domain.ImageRef;
import dev.spotrun.domain.RegistryCredentials;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * A Docker registry (distribution 2) that requires a user name and password, for tests that pull with
 * credentials ({@link #withoutAuth()} opens it to everyone). It runs on the local engine and serves two kinds of client: the local engine itself, on a
 * loopback port ({@link #localAddress()}), through which {@link #push} fills it; and fake machines on the
 * local engine's bridge ({@link #machineAddress()}), which must treat it as an insecure (plain HTTP) registry:
 * see {@link FakeEc2Host#withInsecureRegistry(String)}.
 *
 * <pre>{@code
 * try (LocalRegistry registry = new LocalRegistry()) {
 *     registry.start();
 *     ImageRef image = registry.push("spotrun/busybox:latest", "tests/busybox");
 *     FakeEc2Host host = new FakeEc2Host(userData).withInsecureRegistry(registry.machineAddress());
 *     ... engine.pull(image, registry.credentials(), timeout, progress) ...
 * }
 * }</pre>
 */
public final class LocalRegistry implements AutoCloseable {

    /** The image built by {@code scripts/build-images.sh} from Debian's docker-registry. */
    public static final String DEFAULT_IMAGE = "spotrun/registry:2";
    /** The label every such registry carries, to find leftovers. */
    public static final String LABEL = "dev.spotrun.testkit.local-registry";
    private static final int PORT = 5000;
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

    private final String image;
    private final String username;
    private final String password;
    private final Map<String, String> labels = new java.util.LinkedHashMap<>(Map.of(LABEL, "true"));
    private boolean auth = true;
    private String storageVolume;
    private EngineContainer container;

    /** A registry of the {@link #DEFAULT_IMAGE} with a made-up user and password. */
    public LocalRegistry() {
        this(DEFAULT_IMAGE, "spotrun-test", randomPassword());
    }

    /** A registry of {@code image} that admits only {@code username} with {@code password}. */
    public LocalRegistry(String image, String username, String password) {
        this.image = Objects.requireNonNull(image, "image");
        this.username = Objects.requireNonNull(username, "username");
        this.password = Objects.requireNonNull(password, "password");
    }

    /** Adds a label to the registry's container. */
    public LocalRegistry withLabel(String key, String value) {
        labels.put(key, value);
        return this;
    }

    /** Admits everyone, without a password: e.g. the side of a registry that only the local engine reaches. */
    public LocalRegistry withoutAuth() {
        this.auth = false;
        return this;
    }

    /**
     * Keeps the images in this named volume, which another registry may serve too (each reads what the other
     * wrote). The caller creates and removes the volume.
     */
    public LocalRegistry withStorageVolume(String volume) {
        this.storageVolume = Objects.requireNonNull(volume, "volume");
        return this;
    }

    /** Starts the registry and returns once it listens. */
    public void start() {
        if (container != null) {
            throw new IllegalStateException("this registry is already started");
        }
        EngineContainer.Plan plan = new EngineContainer.Plan(image).labels(labels).settings(cmd -> {
            Ports ports = new Ports();
            ports.bind(ExposedPort.tcp(PORT), Ports.Binding.bindIp("127.0.0.1"));
            cmd.withExposedPorts(ExposedPort.tcp(PORT));
            HostConfig host = cmd.getHostConfig() != null ? cmd.getHostConfig() : HostConfig.newHostConfig();
            host.withPortBindings(ports);
            if (storageVolume != null) {
                host.withBinds(new Bind(storageVolume, new Volume("/var/lib/registry")));
            }
            cmd.withHostConfig(host);
            if (auth) {
                cmd.withEnv("REGISTRY_AUTH=htpasswd", "REGISTRY_AUTH_HTPASSWD_REALM=spotrun-test",
                        "REGISTRY_AUTH_HTPASSWD_PATH=/auth/htpasswd");
            }
        });
        if (auth) {
            plan.file("/auth/htpasswd", htpasswd(), 0644);
        }
        EngineContainer next = EngineContainer.create(LocalEngine.client(), plan);
        try {
            next.start();
            next.awaitLog("listening on", STARTUP_TIMEOUT, "the registry " + image);
        } catch (RuntimeException e) {
            next.remove();
            throw e;
        }
        container = next;
    }

    /** Stops and removes the registry (not its storage volume). Idempotent. */
    public void stop() {
        EngineContainer running = container;
        container = null;
        if (running != null) {
            running.remove();
        }
    }

    /** The same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    /** Where the local engine reaches the registry: {@code 127.0.0.1:PORT}. */
    public String localAddress() {
        Ports.Binding[] bindings = started().inspect().getNetworkSettings().getPorts().getBindings()
                .get(ExposedPort.tcp(PORT));
        return "127.0.0.1:" + bindings[0].getHostPortSpec();
    }

    /** Where machines on the local engine's bridge, such as fake hosts, reach the registry: {@code IP:5000}. */
    public String machineAddress() {
        return started().inspect().getNetworkSettings().getNetworks().values().iterator().next().getIpAddress()
                + ":" + PORT;
    }

    /** The credentials machines pull with. */
    public RegistryCredentials credentials() {
        return new RegistryCredentials(machineAddress(), username, password);
    }

    /** What the registry has logged so far. */
    public String logs() {
        return started().logs();
    }

    /**
     * Pushes an image of the local engine into the registry as {@code repository:latest} and returns its name
     * as machines pull it.
     */
    public ImageRef push(String localImage, String repository) {
        DockerClient docker = LocalEngine.client();
        String local = localAddress() + "/" + repository;
        docker.tagImageCmd(localImage, local, "latest").exec();
        try {
            AtomicReference<String> error = new AtomicReference<>();
            ResultCallback.Adapter<PushResponseItem> done = docker.pushImageCmd(local).withTag("latest")
                    .withAuthConfig(new AuthConfig().withRegistryAddress(localAddress())
                            .withUsername(username).withPassword(password))
                    .exec(new ResultCallback.Adapter<>() {
                        @Override
                        public void onNext(PushResponseItem item) {
                            if (item.getErrorDetail() != null) {
                                error.compareAndSet(null, item.getErrorDetail().getMessage());
                            }
                        }
                    });
            if (!done.awaitCompletion(2, TimeUnit.MINUTES)) {
                throw new IllegalStateException("pushing " + localImage + " took longer than 2 minutes");
            }
            if (error.get() != null) {
                throw new IllegalStateException("pushing " + localImage + " failed: " + error.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while pushing " + localImage, e);
        } finally {
            docker.removeImageCmd(local + ":latest").withNoPrune(true).exec();
        }
        return ImageRef.parse(machineAddress() + "/" + repository + ":latest");
    }

    private byte[] htpasswd() {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        String hash = OpenBSDBCrypt.generate("2y", password.toCharArray(), salt, 6);
        return (username + ":" + hash + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private EngineContainer started() {
        if (container == null) {
            throw new IllegalStateException("the registry is not started");
        }
        return container;
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public String toString() {
        return "LocalRegistry[" + image + "]";
    }
}
