package dev.spotrun.domain.run;

import dev.spotrun.domain.Cidr;
import dev.spotrun.domain.MachineSpec;
import dev.spotrun.domain.Market;
import dev.spotrun.domain.failure.InvalidRunSpec.Problem;
import dev.spotrun.domain.failure.SpecField;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** The rules of the machine's own values: the forms EC2 accepts, and what makes sense together. */
final class MachineRules {

    /**
     * An allowed IPv4 network wider than this is allowed with a warning: a /16 is the largest block a site
     * usually holds (65536 addresses); anything wider opens the engine port to other people's networks.
     */
    static final int WIDEST_QUIET_IPV4_PREFIX = 16;
    /** Likewise for IPv6: a /48 is what one site is assigned (RFC 6177); wider spans many sites. */
    static final int WIDEST_QUIET_IPV6_PREFIX = 48;

    private MachineRules() {
    }

    static void check(MachineSpec machine, List<Problem> problems) {
        checkTypes(machine.instanceTypes(), problems);
        checkMarket(machine, problems);
        for (String subnet : machine.subnets()) {
            id(SpecField.SUBNETS, subnet, AwsNames.SUBNET, "not a subnet id (subnet- and 8 or 17 hex digits)",
                    problems);
        }
        for (String zone : machine.zones()) {
            id(SpecField.ZONES, zone, AwsNames.ZONE, "not a zone name (a region and a letter, e.g. eu-west-1a) nor a"
                    + " zone id (e.g. euw1-az1)", problems);
        }
        id(SpecField.AMI, machine.ami(), AwsNames.AMI, "not an image id (ami- and 8 or 17 hex digits)", problems);
        id(SpecField.SECURITY_GROUP, machine.securityGroup(), AwsNames.SECURITY_GROUP,
                "not a security group id (sg- and 8 or 17 hex digits)", problems);
        id(SpecField.IAM_INSTANCE_PROFILE, machine.iamInstanceProfile(), AwsNames.INSTANCE_PROFILE,
                "not an instance profile name (up to 128 letters, digits and +=,.@_-) nor its ARN"
                        + " (arn:aws:iam::ACCOUNT:instance-profile/NAME)", problems);
        checkCidr(machine, problems);
    }

    static List<Problem> warnings(MachineSpec machine) {
        Optional<Cidr> cidr = Cidr.parse(machine.allowCidr()).filter(Cidr::isNetwork);
        if (cidr.isEmpty()) {
            return List.of();
        }
        int widest = cidr.get().ipv6() ? WIDEST_QUIET_IPV6_PREFIX : WIDEST_QUIET_IPV4_PREFIX;
        if (cidr.get().prefix() >= widest) {
            return List.of();
        }
        return List.of(new Problem(SpecField.ALLOW_CIDR, machine.allowCidr(), "wider than /" + widest
                + ": 2^" + cidr.get().hostBits() + " addresses may reach the machine's Docker port (mutual TLS still"
                + " guards it); allow a narrower network if you can"));
    }

    private static void checkTypes(List<String> types, List<Problem> problems) {
        if (types.isEmpty()) {
            problems.add(new Problem(SpecField.INSTANCE_TYPES, "", "no instance type given; name at least one,"
                    + " e.g. t3.small"));
        }
        for (String type : types) {
            if (type.isBlank()) {
                problems.add(new Problem(SpecField.INSTANCE_TYPES, "", "an instance type is empty; name one,"
                        + " e.g. t3.small"));
            } else if (!AwsNames.INSTANCE_TYPE.matcher(type).matches()) {
                problems.add(new Problem(SpecField.INSTANCE_TYPES, type, "not of the form FAMILY.SIZE,"
                        + " e.g. c6i.large"));
            }
        }
    }

    private static void checkMarket(MachineSpec machine, List<Problem> problems) {
        if (machine.market() == null) {
            problems.add(new Problem(SpecField.MARKET, "", "no market given; use spot, on-demand or"
                    + " spot-then-on-demand"));
        }
        BigDecimal price = machine.maxSpotPrice();
        if (price == null) {
            return;
        }
        if (price.signum() <= 0) {
            problems.add(new Problem(SpecField.MAX_SPOT_PRICE, price.toPlainString(), "the highest spot price must be"
                    + " positive, e.g. 0.05 (US dollars an hour)"));
        }
        if (machine.market() == Market.ON_DEMAND) {
            problems.add(new Problem(SpecField.MAX_SPOT_PRICE, price.toPlainString(), "a spot price applies only to"
                    + " spot machines; drop it or buy spot", List.of(SpecField.MARKET)));
        }
    }

    private static void checkCidr(MachineSpec machine, List<Problem> problems) {
        String text = machine.allowCidr();
        if (text.isEmpty()) {
            return;
        }
        Optional<Cidr> cidr = Cidr.parse(text);
        if (cidr.isEmpty()) {
            problems.add(new Problem(SpecField.ALLOW_CIDR, text, "not a network in CIDR form: A.B.C.D/N"
                    + " (e.g. 203.0.113.0/24) or an IPv6 prefix (e.g. 2001:db8::/48)"));
        } else if (!cidr.get().isNetwork()) {
            problems.add(new Problem(SpecField.ALLOW_CIDR, text, "not a network address: the bits after /"
                    + cidr.get().prefix() + " must be zero; did you mean " + cidr.get().network() + "?"));
        }
        if (!machine.securityGroup().isEmpty()) {
            problems.add(new Problem(SpecField.ALLOW_CIDR, text, "applies only to the security group spotrun creates;"
                    + " drop it or the security group", List.of(SpecField.SECURITY_GROUP)));
        }
    }

    private static void id(String field, String value, Pattern form, String reason, List<Problem> problems) {
        if (!value.isEmpty() && !form.matcher(value).matches()) {
            problems.add(new Problem(field, value, reason));
        }
    }
}
