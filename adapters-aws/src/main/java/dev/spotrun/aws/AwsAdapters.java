package dev.spotrun.aws;

import dev.spotrun.domain.LaunchRequest;
import dev.spotrun.domain.port.ComputePort;
import dev.spotrun.domain.port.RegistryPort;
import dev.spotrun.domain.port.Sleeper;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The AWS adapters: {@link #compute()} on EC2 and {@link #registry()} for ECR. Region, credentials and endpoint
 * come from the SDK's own chains (environment, profile, instance role; {@code AWS_ENDPOINT_URL} too) unless
 * set here. Building does no I/O but what the SDK's region chain does; it fails with
 * {@link dev.spotrun.domain.failure.CloudNotConfigured} when there is no region or the endpoint is not a URL.
 * {@link #close()} releases the SDK clients.
 */
public final class AwsAdapters implements AutoCloseable {

    private final Builder settings;
    /** One HTTP client for every service: each of its own would load the trust store and TLS again. */
    private final SdkHttpClient http = Apache5HttpClient.create();
    /**
     * One thread for every service's call timeouts: the SDK would start a pool of five for each client (nine
     * threads in a run), each with a stack of its own, for timers that are set and cancelled once per call.
     */
    private final ScheduledExecutorService timeouts = timeoutThread();
    private final Ec2Client ec2;
    private final SsmClient ssm;
    private final Map<String, EcrClient> ecrByRegion = new ConcurrentHashMap<>();
    private final Ec2Compute compute;
    private final EcrRegistry registry;

    private AwsAdapters(Builder settings) {
        this.settings = settings;
        this.ec2 = closingOnFailure(this::closeShared, () -> ClientSetup.build("EC2", () -> configure(
                Ec2Client.builder(), Ec2Retries.strategy(settings.maxAttempts), settings.region).build()));
        this.ssm = closingOnFailure(() -> {
            ec2.close();
            closeShared();
        }, () -> ClientSetup.build("SSM", () -> configure(SsmClient.builder(), null, settings.region).build()));
        this.compute = new Ec2Compute(ec2, new AmiResolver(ssm),
                new RunSecurityGroups(ec2, settings.callerAddress, settings.clock), settings.bootScript::apply,
                new InstanceWaits(ec2, settings.pollInterval),
                new FreshInstances(settings.clock, settings.sleeper));
        this.registry = new EcrRegistry(this::ecr, settings.clock, settings.ecrAliases);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Machines on EC2. */
    public ComputePort compute() {
        return compute;
    }

    /** ECR credentials for ECR images; none for other registries. */
    public RegistryPort registry() {
        return registry;
    }

    private EcrClient ecr(String region) {
        return ecrByRegion.computeIfAbsent(region,
                r -> ClientSetup.build("ECR", () -> configure(EcrClient.builder(), null, r).build()));
    }

    /** Builds what comes next, undoing what was built before when that fails: nobody else would. */
    private static <T> T closingOnFailure(AutoCloseable undo, java.util.function.Supplier<T> next) {
        try {
            return next.get();
        } catch (RuntimeException e) {
            try {
                undo.close();
            } catch (Exception closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    private <B extends AwsClientBuilder<B, ?>> B configure(B builder,
                                                          software.amazon.awssdk.retries.api.RetryStrategy retries,
                                                          String region) {
        if (!region.isEmpty()) {
            builder.region(Region.of(region));
        }
        if (settings.endpoint != null) {
            builder.endpointOverride(settings.endpoint);
        }
        builder.credentialsProvider(settings.credentials());
        if (builder instanceof software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<?, ?> sync) {
            sync.httpClient(http);
        }
        ClientOverrideConfiguration.Builder override = ClientOverrideConfiguration.builder()
                .apiCallAttemptTimeout(Duration.ofSeconds(30))
                .apiCallTimeout(Duration.ofMinutes(2))
                .scheduledExecutorService(timeouts);
        if (!settings.profile.isEmpty()) {
            override.defaultProfileName(settings.profile);
        }
        if (retries != null) {
            override.retryStrategy(retries);
        }
        return builder.overrideConfiguration(override.build());
    }

    @Override
    public void close() {
        ec2.close();
        ssm.close();
        ecrByRegion.values().forEach(EcrClient::close);
        closeShared();
    }

    /** What the services' clients share; they do not close it themselves. */
    private void closeShared() {
        http.close();
        timeouts.shutdownNow();
    }

    private static ScheduledExecutorService timeoutThread() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "spotrun-sdk-timeouts");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }

    /** The settings; every one has a default. */
    public static final class Builder {
        private String region = "";
        private String profile = "";
        private URI endpoint;
        private String accessKeyId = "";
        private String secretAccessKey = "";
        private CallerAddress callerAddress = CallerAddress.detected();
        private Function<LaunchRequest, String> bootScript = BootScript::render;
        private final Map<String, EcrHost> ecrAliases = new java.util.LinkedHashMap<>();
        private Duration pollInterval = Duration.ofSeconds(2);
        private int maxAttempts = 4;
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.system();

        private Builder() {
        }

        /** The region; "" for the SDK's chain (AWS_REGION, the profile, ...). */
        public Builder region(String name) {
            this.region = Objects.requireNonNull(name, "name");
            return this;
        }

        /** The shared-config profile; "" for the default one. */
        public Builder profile(String name) {
            this.profile = Objects.requireNonNull(name, "name");
            return this;
        }

        /** One endpoint for every service, e.g. a local cloud; unset for AWS (or AWS_ENDPOINT_URL). */
        public Builder endpoint(URI url) {
            this.endpoint = url;
            return this;
        }

        /** Fixed credentials instead of the SDK's default chain, e.g. any pair for a local cloud. */
        public Builder staticCredentials(String keyId, String secret) {
            this.accessKeyId = Objects.requireNonNull(keyId, "keyId");
            this.secretAccessKey = Objects.requireNonNull(secret, "secret");
            return this;
        }

        /** Whose address a run's security group admits when the machine spec gives no CIDR. */
        public Builder callerAddress(CallerAddress caller) {
            this.callerAddress = Objects.requireNonNull(caller, "caller");
            return this;
        }

        /**
         * Treats {@code host} as an ECR registry of {@code account} in {@code region}: images on it are pulled
         * with that registry's tokens (for a registry reached under another name, such as a local cloud's).
         */
        public Builder ecrRegistry(String host, String account, String region) {
            ecrAliases.put(Objects.requireNonNull(host, "host"), EcrHost.alias(host, account, region));
            return this;
        }

        /**
         * Renders a machine's user-data from its launch request (engine material, expiry, abandon window);
         * {@link BootScript#render(LaunchRequest)} by default.
         */
        public Builder bootScript(Function<LaunchRequest, String> renderer) {
            this.bootScript = Objects.requireNonNull(renderer, "renderer");
            return this;
        }

        /** How often instance states are polled while waiting, at most (the first looks come sooner); 2 s by default. */
        public Builder pollInterval(Duration interval) {
            this.pollInterval = Objects.requireNonNull(interval, "interval");
            return this;
        }

        /** Attempts per EC2 call, the first included, for throttling and server errors; 4 by default. */
        public Builder maxAttempts(int attempts) {
            this.maxAttempts = attempts;
            return this;
        }

        public Builder clock(Clock time) {
            this.clock = Objects.requireNonNull(time, "time");
            return this;
        }

        public Builder sleeper(Sleeper waits) {
            this.sleeper = Objects.requireNonNull(waits, "waits");
            return this;
        }

        public AwsAdapters build() {
            return new AwsAdapters(this);
        }

        private AwsCredentialsProvider credentials() {
            if (!accessKeyId.isEmpty()) {
                return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey));
            }
            return profile.isEmpty() ? DefaultCredentialsProvider.builder().build()
                    : DefaultCredentialsProvider.builder().profileName(profile).build();
        }
    }
}
