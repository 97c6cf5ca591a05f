package dev.spotrun.cli;

import dev.spotrun.domain.Market;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The machine options. Null or empty means "not given": the configuration file or the default applies. */
final class MachineOptions {

    // Commas are split by RunSettingsResolver, which keeps empty entries so that "-t ," is refused.
    @Option(names = {"-t", "--instance-type"}, paramLabel = "TYPE[,TYPE...]",
            description = "Instance type, in order of preference; the first with capacity is used. Repeatable "
                    + "or comma-separated. Default: t3.small.")
    List<String> instanceTypes = new ArrayList<>();

    @Option(names = "--market", paramLabel = "MARKET", converter = Converters.MarketConverter.class,
            description = "spot (default), on-demand, or spot-then-on-demand.")
    Market market;

    @Option(names = "--max-price", paramLabel = "USD",
            description = "Highest hourly spot price to pay, in US dollars (more than 0; spot markets only). "
                    + "Default: the on-demand price.")
    BigDecimal maxPrice;

    @Option(names = "--subnet", paramLabel = "SUBNET[,SUBNET...]",
            description = "Subnet id (subnet-HEX) to launch in, tried in order. Repeatable or comma-separated. "
                    + "Default: the default VPC.")
    List<String> subnets = new ArrayList<>();

    @Option(names = "--zone", paramLabel = "ZONE[,ZONE...]",
            description = "Availability zone (e.g. eu-west-1a, or an id such as euw1-az1), tried in order, when no "
                    + "subnet is given. Repeatable or comma-separated.")
    List<String> zones = new ArrayList<>();

    @Option(names = "--ami", paramLabel = "AMI", description = "Machine image id (ami-HEX). Default: the latest Amazon Linux 2023.")
    String ami;

    @Option(names = "--iam-instance-profile", paramLabel = "NAME|ARN",
            description = "Instance profile name or ARN for the machine (e.g. to pull from ECR without keys).")
    String iamInstanceProfile;

    @Option(names = "--security-group", paramLabel = "SG",
            description = "Existing security group id (sg-HEX) to use. Default: one is created per run and "
                    + "removed after.")
    String securityGroup;

    @Option(names = "--allow-cidr", paramLabel = "CIDR",
            description = "Network (IPv4 A.B.C.D/N or IPv6, host bits zero) that may reach the machine's Docker "
                    + "port (TLS, 2376) in the group spotrun creates; wider than /16 (IPv4) or /48 (IPv6) is "
                    + "allowed with a warning. Default: this machine's public address.")
    String allowCidr;

    @Option(names = "--private-ip", paramLabel = "true|false", arity = "0..1", fallbackValue = "true",
            description = "Connect to the machine's private address (spotrun runs inside the VPC).")
    Boolean privateIp;

    @Option(names = "--tag", paramLabel = "KEY=VALUE",
            description = "Tag for the machine and its volumes. Repeatable, at most 45 (EC2 allows 50; spotrun "
                    + "sets 5); keys up to 128 characters, not starting with aws: or spotrun:; values up to 256.")
    List<String> tags = new ArrayList<>();

    @Option(names = "--owner", paramLabel = "NAME",
            description = "Who runs the job, tagged as spotrun:owner (up to 256 characters). Default: the user "
                    + "name.")
    String owner;
}
