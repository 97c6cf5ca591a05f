package dev.spotrun.domain.failure;

import java.util.List;

/**
 * The stable names of the fields of a {@link dev.spotrun.domain.RunSpec} that an {@link InvalidRunSpec.Problem}
 * can be about: the record components' path, e.g. {@code machine.tags}. Front ends map them to their own words
 * (the command line to its flags); the names do not change when the words do.
 */
public final class SpecField {

    public static final String IMAGE = "container.image";
    /** How many shards a fan-out runs ({@link dev.spotrun.domain.fanout.ShardPlan#count()}). */
    public static final String SHARDS = "fanOut.shards";
    /** How many shards run at once ({@link dev.spotrun.domain.fanout.ShardPlan#parallel()}). */
    public static final String PARALLEL = "fanOut.parallel";
    public static final String COMMAND = "container.command";
    public static final String ENTRYPOINT = "container.entrypoint";
    public static final String ENV = "container.env";
    public static final String WORKDIR = "container.workdir";
    public static final String USER = "container.user";
    public static final String LABELS = "container.labels";
    public static final String GPUS = "container.gpus";
    public static final String NAME = "container.name";
    public static final String INSTANCE_TYPES = "machine.instanceTypes";
    public static final String MARKET = "machine.market";
    public static final String MAX_SPOT_PRICE = "machine.maxSpotPrice";
    public static final String SUBNETS = "machine.subnets";
    public static final String ZONES = "machine.zones";
    public static final String AMI = "machine.ami";
    public static final String IAM_INSTANCE_PROFILE = "machine.iamInstanceProfile";
    public static final String SECURITY_GROUP = "machine.securityGroup";
    public static final String ALLOW_CIDR = "machine.allowCidr";
    public static final String TAGS = "machine.tags";
    public static final String BOOT_TIMEOUT = "timeouts.boot";
    public static final String PULL_TIMEOUT = "timeouts.pull";
    public static final String RUN_TIMEOUT = "timeouts.run";
    public static final String STOP_GRACE = "timeouts.stopGrace";
    public static final String TTL = "ttl";
    public static final String ABANDON_AFTER = "abandonAfter";
    public static final String RETRIES = "retry.retries";
    public static final String OWNER = "owner";
    /** The files copied into the container before it starts. */
    public static final String COPIES = "copies";
    /** The paths copied out of the container once it ended. */
    public static final String ARTIFACTS = "artifacts";
    /** The machine as a whole, for a problem no single setting causes (e.g. the size of its boot script). */
    public static final String MACHINE = "machine";

    /** Every field above. */
    public static final List<String> ALL = List.of(IMAGE, COMMAND, ENTRYPOINT, ENV, WORKDIR, USER, LABELS, GPUS, NAME,
            INSTANCE_TYPES, MARKET, MAX_SPOT_PRICE, SUBNETS, ZONES, AMI, IAM_INSTANCE_PROFILE, SECURITY_GROUP,
            ALLOW_CIDR, TAGS, BOOT_TIMEOUT, PULL_TIMEOUT, RUN_TIMEOUT, STOP_GRACE, TTL, ABANDON_AFTER, RETRIES, OWNER,
            COPIES, ARTIFACTS, MACHINE);

    private SpecField() {
    }
}
