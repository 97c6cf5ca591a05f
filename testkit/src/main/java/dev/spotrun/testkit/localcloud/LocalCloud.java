package dev.spotrun.testkit.localcloud;

import dev.spotrun.aws.AwsAdapters;
import dev.spotrun.aws.CallerAddress;
import dev.spotrun.domain.ImageRef;
import dev.spotrun.testkit.LocalRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.testcontainers.utility.DockerImageName;

/**
 * An EC2- and ECR-compatible endpoint on loopback, for running the real AWS adapter (or any AWS SDK, or the
 * AWS CLI) without AWS. It speaks the subset of the EC2 Query API that spotrun uses (instances, tags, security
 * groups, subnets), SSM GetParameter for the latest Amazon Linux 2023 images and ECR GetAuthorizationToken, all
 * on {@link #endpoint()}; point a client at it with {@code endpointOverride} or {@code AWS_ENDPOINT_URL} and any
 * credentials. Instances are made by an {@link InstanceBackend}. {@link #close()} stops everything it started.
 *
 * <pre>{@code
 * try (LocalCloud cloud = LocalCloud.start()) {
 *     cloud.faults().noSpotCapacity("m5.large");
 *     // ... run Ec2Compute against cloud.endpoint() in cloud.region()
 * }
 * }</pre>
 */
public final class LocalCloud implements AutoCloseable {

    /** The account that owns everything in the local cloud. */
    public static final String ACCOUNT = "000000000000";
    /** The image the SSM parameter of the latest x86_64 Amazon Linux 2023 names. */
    public static final String AL2023_X86_AMI = "ami-0a120230000008664";
    /** The image the SSM parameter of the latest arm64 Amazon Linux 2023 names. */
    public static final String AL2023_ARM64_AMI = "ami-0a120230000000a64";
    /** The label of the local cloud's registry container. */
    public static final String REGISTRY_LABEL = "dev.spotrun.testkit.local-cloud.registry";
    /** Who the security groups of the local cloud's runs admit: this machine. */
    public static final String LOOPBACK_CIDR = "127.0.0.1/32";
    private static final String SSM_AL2023 = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-";

    private final String region;
    private final List<String> zones;
    private final CloudFaults faults = new CloudFaults();
    private final InstanceMachines machines;
    private final Ec2Network network;
    private final Ec2Instances instances;
    private final CloudServer server;
    private final String registryPassword;
    private final Duration tokenLifetime;
    private final LocalRegistry registry;

    private LocalCloud(Builder builder, LocalRegistry registry) throws IOException {
        this.region = builder.region;
        this.zones = List.of(region + "a", region + "b", region + "c");
        this.registryPassword = builder.registryPassword;
        this.tokenLifetime = builder.tokenLifetime;
        this.registry = registry;
        this.machines = new InstanceMachines(builder.backend, faults,
                registry == null ? List.of() : List.of(registry.machineAddress()));
        Ec2Instances[] holder = new Ec2Instances[1];
        this.network = new Ec2Network(ACCOUNT, zones, groupId -> holder[0].groupInUse(groupId));
        this.instances = new Ec2Instances(ACCOUNT, network, faults, machines,
                List.of(AL2023_X86_AMI, AL2023_ARM64_AMI));
        holder[0] = instances;
        this.server = new CloudServer(instances, network, json(), faults);
    }

    private JsonApi json() {
        JsonApi.RegistryToken token = new JsonApi.RegistryToken() {
            @Override
            public String password() {
                return registryPassword;
            }

            @Override
            public Duration lifetime() {
                return tokenLifetime;
            }
        };
        return new JsonApi(Map.of(SSM_AL2023 + "x86_64", AL2023_X86_AMI, SSM_AL2023 + "arm64", AL2023_ARM64_AMI),
                "https://" + registryHost(), token, Clock.systemUTC());
    }

    /** A local cloud in {@code us-east-1} whose instances are made {@link InstanceBackend#inProcess() in process}. */
    public static LocalCloud start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The URL every service answers on, e.g. {@code http://127.0.0.1:40123}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    public String region() {
        return region;
    }

    /** The availability zones, one subnet each. */
    public List<String> zones() {
        return zones;
    }

    /** The subnet ids, in the order of {@link #zones()}. */
    public List<String> subnets() {
        return network.subnets().stream().map(Ec2Network.Subnet::id).toList();
    }

    /**
     * The AWS adapters' settings for this cloud: its endpoint and region, any credentials, the engine port
     * opened to loopback only, and quick polling. Add a boot script (and anything else) and build.
     */
    public AwsAdapters.Builder awsAdapters() {
        AwsAdapters.Builder aws = AwsAdapters.builder().endpoint(endpoint()).region(region())
                .staticCredentials("local", "local").callerAddress(CallerAddress.fixed(LOOPBACK_CIDR))
                .pollInterval(Duration.ofMillis(100)).releaseTimeout(Duration.ofSeconds(30));
        return registry == null ? aws : aws.ecrRegistry(registryHost(), ACCOUNT, region);
    }

    /**
     * The registry whose tokens GetAuthorizationToken hands out: the running registry's address as instances
     * reach it when the cloud was started {@link Builder#withRegistry() with one}, else the ECR-style name.
     */
    public String registryHost() {
        return registry == null ? ACCOUNT + ".dkr.ecr." + region + ".amazonaws.com" : registry.machineAddress();
    }

    /**
     * Pushes an image of the local engine into the cloud's registry as {@code repository:latest}; returns its
     * name as instances pull it (with the ECR token).
     */
    public ImageRef pushImage(String localImage, String repository) {
        if (registry == null) {
            throw new IllegalStateException("this local cloud runs no registry; start it withRegistry()");
        }
        return registry.push(localImage, repository);
    }

    /** The password that the ECR tokens carry (user {@code AWS}). */
    public String registryPassword() {
        return registryPassword;
    }

    public CloudFaults faults() {
        return faults;
    }

    /** Every request received so far, in order. */
    public List<RecordedRequest> requests() {
        return server.recorded();
    }

    /** The requests received for one action, e.g. {@code RunInstances}, in order. */
    public List<RecordedRequest> requests(String action) {
        return requests().stream().filter(r -> r.action().equals(action)).toList();
    }

    public void clearRequests() {
        server.clearRecorded();
    }

    /** Every instance ever launched, terminated ones too (EC2 shows them for a while). */
    public List<LocalInstance> instances() {
        return instances.all().stream().map(LocalInstance::of).toList();
    }

    public LocalInstance instance(String id) {
        return LocalInstance.of(Objects.requireNonNull(instances.find(id), "no instance " + id));
    }

    public List<LocalSecurityGroup> securityGroups() {
        return network.groups().stream().map(LocalSecurityGroup::of).toList();
    }

    /** Interrupts a spot instance now, as EC2 does when it takes capacity back. */
    public void interrupt(String instanceId) {
        machines.interrupt(Objects.requireNonNull(instances.find(instanceId), "no instance " + instanceId));
    }

    /** Terminates every instance still alive and stops the endpoint and the backend. */
    @Override
    public void close() {
        server.close();
        List<FakeInstance> alive = new ArrayList<>(instances.all());
        for (FakeInstance instance : alive) {
            InstanceBackend.Machine machine = instance.beginShutdown(FakeInstance.State.SHUTTING_DOWN,
                    "Client.UserInitiatedShutdown", "User initiated shutdown");
            if (machine != null) {
                machine.destroy();
                instance.finishShutdown();
            }
        }
        machines.close();
        if (registry != null) {
            registry.stop();
        }
    }

    /** How to start a local cloud. */
    public static final class Builder {
        private String region = "us-east-1";
        private InstanceBackend backend;
        private String registryPassword = randomPassword();
        private Duration tokenLifetime = Duration.ofHours(12);
        private boolean withRegistry;

        private Builder() {
        }

        public Builder region(String name) {
            this.region = Objects.requireNonNull(name, "name");
            return this;
        }

        /** What makes the instances; {@link InstanceBackend#inProcess()} when not set. */
        public Builder backend(InstanceBackend instanceBackend) {
            this.backend = Objects.requireNonNull(instanceBackend, "instanceBackend");
            return this;
        }

        /** How long the ECR tokens claim to be valid; 12 hours, as on ECR, when not set. */
        public Builder tokenLifetime(Duration lifetime) {
            this.tokenLifetime = Objects.requireNonNull(lifetime, "lifetime");
            return this;
        }

        /** The registry password the ECR tokens carry; random when not set. */
        public Builder registryPassword(String password) {
            this.registryPassword = Objects.requireNonNull(password, "password");
            return this;
        }

        /**
         * Runs a registry beside the cloud (a container of {@link LocalRegistry#DEFAULT_IMAGE} on the local
         * engine) that admits user {@code AWS} with the password the ECR tokens carry; instances reach it
         * over plain HTTP.
         */
        public Builder withRegistry() {
            this.withRegistry = true;
            return this;
        }

        public LocalCloud start() {
            if (backend == null) {
                backend = InstanceBackend.inProcess();
            }
            LocalRegistry registry = null;
            try {
                if (withRegistry) {
                    registry = new LocalRegistry(DockerImageName.parse(LocalRegistry.DEFAULT_IMAGE), "AWS",
                            registryPassword).withLabel(REGISTRY_LABEL, "true");
                    registry.start();
                }
                return new LocalCloud(this, registry);
            } catch (IOException | RuntimeException e) {
                backend.close();
                if (registry != null) {
                    registry.stop();
                }
                if (e instanceof IOException io) {
                    throw new UncheckedIOException("the local cloud could not listen on loopback", io);
                }
                throw (RuntimeException) e;
            }
        }

        private static String randomPassword() {
            byte[] bytes = new byte[18];
            new SecureRandom().nextBytes(bytes);
            return HexFormat.of().formatHex(bytes);
        }
    }
}
