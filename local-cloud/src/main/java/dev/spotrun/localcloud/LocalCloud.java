package dev.spotrun.localcloud;

import dev.spotrun.domain.ImageRef;
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

/**
 * An EC2- and ECR-compatible endpoint on loopback, for running the real AWS adapter (or any AWS SDK, or the
 * AWS CLI) without AWS. It speaks the subset of the EC2 Query API that spotrun uses (instances, tags, security
 * groups, subnets), SSM GetParameter for the latest Amazon Linux 2023 images and ECR GetAuthorizationToken, all
 * on {@link #endpoint()}; point a client at it with {@code endpointOverride} or {@code AWS_ENDPOINT_URL} and any
 * credentials. Instances are made by an {@link InstanceBackend}. Its {@link #faults()} are set from Java, or, by
 * another process, over HTTP on the same endpoint ({@link LocalCloudClient}). {@link #close()} stops everything
 * it started.
 *
 * <p>A cloud that uses the local Docker engine (fake EC2 hosts, a registry) labels every container and volume
 * it makes with {@link #SESSION_LABEL}, naming this process; starting one first removes what the local clouds of
 * dead processes left behind ({@link #reaped()}).
 *
 * <pre>{@code
 * try (LocalCloud cloud = LocalCloud.start()) {
 *     cloud.faults().noSpotCapacity("m5.large").apply("throttle-every:2");
 *     // ... run Ec2Compute against cloud.endpoint() in cloud.region()
 * }
 * }</pre>
 */
public final class LocalCloud implements AutoCloseable, MachineOperations {

    /** The account that owns everything in the local cloud. */
    public static final String ACCOUNT = "000000000000";
    /** The image the SSM parameter of the latest x86_64 Amazon Linux 2023 names. */
    public static final String AL2023_X86_AMI = "ami-0a120230000008664";
    /** The image the SSM parameter of the latest arm64 Amazon Linux 2023 names. */
    public static final String AL2023_ARM64_AMI = "ami-0a120230000000a64";
    /** The label of the local cloud's registry containers. */
    public static final String REGISTRY_LABEL = "dev.spotrun.testkit.local-cloud.registry";
    /** The label of every container and volume a local cloud makes: the process (session) that made it. */
    public static final String SESSION_LABEL = "dev.spotrun.local-cloud.session";
    /** Who the security groups of the local cloud's runs admit: this machine. */
    public static final String LOOPBACK_CIDR = "127.0.0.1/32";
    private static final String SSM_AL2023 = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-";

    private final String region;
    private final List<String> zones;
    private final CloudFaults faults = new CloudFaults();
    private final InstanceMachines machines;
    private final Ec2Network network;
    private final Ec2Instances instances;
    private final AwsEndpoint aws;
    private final CloudServer server;
    private final String registryPassword;
    private final CloudRegistry registry;
    private final List<String> reaped;

    private LocalCloud(Builder builder, CloudRegistry registry, List<String> reaped) throws IOException {
        this.region = builder.region;
        this.zones = List.of(region + "a", region + "b", region + "c");
        this.registryPassword = builder.registryPassword;
        this.registry = registry;
        this.reaped = List.copyOf(reaped);
        faults.apply(builder.faults);
        this.machines = new InstanceMachines(builder.backend, faults, registry == null ? List.of()
                : List.of(new InstanceBackend.RegistryRoute(registry.name(), registry.pullTarget())));
        Ec2Instances[] holder = new Ec2Instances[1];
        this.network = new Ec2Network(ACCOUNT, zones, groupId -> holder[0].groupInUse(groupId));
        this.instances = new Ec2Instances(ACCOUNT, network, faults, machines,
                List.of(AL2023_X86_AMI, AL2023_ARM64_AMI));
        holder[0] = instances;
        this.aws = new AwsEndpoint(instances, network, json(builder.tokenLifetime), faults);
        this.server = new CloudServer(aws, new ControlEndpoint(faults, aws::recorded,
                (id, operation) -> machines.operate(known(id), operation)));
    }

    private JsonApi json(Duration tokenLifetime) {
        return new JsonApi(Map.of(SSM_AL2023 + "x86_64", AL2023_X86_AMI, SSM_AL2023 + "arm64", AL2023_ARM64_AMI),
                "https://" + registryHost(), new JsonApi.RegistryToken(registryPassword, tokenLifetime),
                Clock.systemUTC());
    }

    /** A local cloud in {@code us-east-1} whose instances are made {@link InstanceBackend#inProcess() in process}. */
    public static LocalCloud start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The URL every service answers on, e.g. {@code http://127.0.0.1:40123}; the control API too. */
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

    /** Whether a registry stands beside the cloud ({@link Builder#withRegistry()}), whose ECR tokens open it. */
    public boolean hasRegistry() {
        return registry != null;
    }

    /**
     * The registry whose tokens GetAuthorizationToken hands out: with a {@link Builder#withRegistry() registry},
     * its one name {@code 127.0.0.1:PORT}, which the local engine pushes to and instances pull from; else the
     * ECR-style name.
     */
    public String registryHost() {
        return registry == null ? ACCOUNT + ".dkr.ecr." + region + ".amazonaws.com" : registry.name();
    }

    /**
     * Pushes an image of the local engine into the cloud's registry as {@code repository:latest}; returns its
     * name, {@code 127.0.0.1:PORT/repository:latest}, as instances pull it (with the ECR token).
     */
    public ImageRef pushImage(String localImage, String repository) {
        return registry().push(localImage, repository);
    }

    /**
     * The name {@link #pushImage} gives an image it pushes as {@code repository}, known before the push; empty when
     * the local engine has no image {@code localImage} to push.
     */
    public java.util.Optional<ImageRef> pushedName(String localImage, String repository) {
        return registry().pushedName(localImage, repository);
    }

    private CloudRegistry registry() {
        if (registry == null) {
            throw new IllegalStateException("this local cloud runs no registry; start it withRegistry()");
        }
        return registry;
    }

    /** The password that the ECR tokens carry (user {@code AWS}). */
    public String registryPassword() {
        return registryPassword;
    }

    public CloudFaults faults() {
        return faults;
    }

    /**
     * The value of {@link #SESSION_LABEL} on every container and volume this cloud makes on the local engine: this
     * process. Filter by it to see what this cloud (and no other) left.
     */
    public String sessionLabel() {
        return Session.current().label();
    }

    /** What this cloud removed at its start that local clouds of dead processes had left, one line each. */
    public List<String> reaped() {
        return reaped;
    }

    /** Every AWS request received so far, in order. */
    public List<RecordedRequest> requests() {
        return aws.recorded();
    }

    /** The requests received for one action, e.g. {@code RunInstances}, in order. */
    public List<RecordedRequest> requests(String action) {
        return requests().stream().filter(r -> r.action().equals(action)).toList();
    }

    public void clearRequests() {
        aws.clearRecorded();
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

    @Override
    public String operate(String instanceId, String operation) {
        try {
            return machines.operate(known(instanceId), operation);
        } catch (CloudError e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private FakeInstance known(String instanceId) {
        FakeInstance instance = instances.find(instanceId);
        if (instance == null) {
            throw new CloudError(404, "", "no instance " + instanceId + " in this local cloud");
        }
        return instance;
    }

    /** Terminates every instance still alive and stops the endpoint, the backend and the registry. */
    @Override
    public void close() {
        server.close();
        machines.terminateAll(instances.all());
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
        private final List<String> faults = new ArrayList<>();

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
         * Injects the fault of this {@link FaultSpec spec} from the first request on.
         *
         * @throws IllegalArgumentException when the spec does not parse
         */
        public Builder fault(String spec) {
            faults.add(FaultSpec.parse(spec).text());
            return this;
        }

        /**
         * Runs a registry beside the cloud (containers of {@link LocalRegistry#DEFAULT_IMAGE}
         * on the local engine) under one name, {@code 127.0.0.1:PORT}: the local engine pushes there without
         * credentials, and instances pull the same name with the password the ECR tokens carry.
         */
        public Builder withRegistry() {
            this.withRegistry = true;
            return this;
        }

        public LocalCloud start() {
            if (backend == null) {
                backend = InstanceBackend.inProcess();
            }
            CloudRegistry registry = null;
            try {
                // The reaper removes only what dead sessions left: it goes on while this one's registry starts.
                java.util.function.Supplier<List<String>> reaped = usesDocker() ? SessionReaper.inBackground()
                        : List::of;
                if (withRegistry) {
                    registry = new CloudRegistry(registryPassword, Map.of(REGISTRY_LABEL, "true",
                            SESSION_LABEL, Session.current().label()));
                    registry.start();
                }
                return new LocalCloud(this, registry, reaped.get());
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

        private boolean usesDocker() {
            return withRegistry || backend instanceof FakeHostBackend;
        }

        private static String randomPassword() {
            byte[] bytes = new byte[18];
            new SecureRandom().nextBytes(bytes);
            return HexFormat.of().formatHex(bytes);
        }
    }
}
