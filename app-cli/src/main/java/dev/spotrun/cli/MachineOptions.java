package dev.spotrun.cli;

import dev.spotrun.domain.Market;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The machine options. Null or empty means "not given": the configuration file or the default applies. */
final class MachineOptions {

    @Option(names = {"-t", "--instance-type"}, paramLabel = "TYPE", split = ",",
            description = "Instance type, in order of preference; the first with capacity is used. Repeatable "
                    + "or comma-separated. Default: t3.small.")
    List<String> instanceTypes = new ArrayList<>();

    @Option(names = "--market", paramLabel = "MARKET", converter = Converters.MarketConverter.class,
            description = "spot (default), on-demand, or spot-then-on-demand.")
    Market market;

    @Option(names = "--max-price", paramLabel = "USD",
            description = "Highest hourly spot price to pay. Default: the on-demand price.")
    BigDecimal maxPrice;

    @Option(names = "--subnet", paramLabel = "SUBNET", split = ",",
            description = "Subnet to launch in, tried in order. Repeatable. Default: the default VPC.")
    List<String> subnets = new ArrayList<>();

    @Option(names = "--zone", paramLabel = "ZONE", split = ",",
            description = "Availability zone, tried in order, when no subnet is given. Repeatable.")
    List<String> zones = new ArrayList<>();

    @Option(names = "--ami", paramLabel = "AMI", description = "Machine image. Default: the latest Amazon Linux 2023.")
    String ami;

    @Option(names = "--iam-instance-profile", paramLabel = "NAME|ARN",
            description = "Instance profile for the machine (e.g. to pull from ECR without keys).")
    String iamInstanceProfile;

    @Option(names = "--security-group", paramLabel = "SG",
            description = "Existing security group to use. Default: one is created per run and removed after.")
    String securityGroup;

    @Option(names = "--allow-cidr", paramLabel = "CIDR",
            description = "Who may reach the machine's Docker port (TLS, 2376) in the group spotrun creates. "
                    + "Default: this machine's public address.")
    String allowCidr;

    @Option(names = "--private-ip", paramLabel = "true|false", arity = "0..1", fallbackValue = "true",
            description = "Connect to the machine's private address (spotrun runs inside the VPC).")
    Boolean privateIp;

    @Option(names = "--tag", paramLabel = "KEY=VALUE", description = "Tag for the machine and its volumes. Repeatable.")
    List<String> tags = new ArrayList<>();

    @Option(names = "--owner", paramLabel = "NAME",
            description = "Who runs the job, tagged as spotrun:owner. Default: the user name.")
    String owner;
}
