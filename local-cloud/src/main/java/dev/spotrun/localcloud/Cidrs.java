package dev.spotrun.localcloud;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** Checks the CIDR blocks of security group rules as EC2 does, refusing malformed ones. */
final class Cidrs {

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})");
    private static final Pattern IPV6 = Pattern.compile("([0-9a-fA-F:]+)/(\\d{1,3})");

    private Cidrs() {
    }

    static String ipv4(String cidr) {
        var m = cidr == null ? null : IPV4.matcher(cidr);
        if (m == null || !m.matches() || Integer.parseInt(m.group(5)) > 32
                || !octetsFit(m.group(1), m.group(2), m.group(3), m.group(4))) {
            throw malformed(cidr);
        }
        return cidr;
    }

    static String ipv6(String cidr) {
        var m = cidr == null ? null : IPV6.matcher(cidr);
        if (m == null || !m.matches() || !m.group(1).contains(":") || Integer.parseInt(m.group(2)) > 128) {
            throw malformed(cidr);
        }
        try {
            // A literal with colons only: parsed, never looked up.
            InetAddress.getByName(m.group(1));
        } catch (UnknownHostException e) {
            throw malformed(cidr);
        }
        return cidr;
    }

    private static boolean octetsFit(String... octets) {
        for (String octet : octets) {
            if (Integer.parseInt(octet) > 255) {
                return false;
            }
        }
        return true;
    }

    private static CloudError malformed(String cidr) {
        return CloudError.badRequest("InvalidParameterValue", "CIDR block " + cidr + " is malformed");
    }
}
