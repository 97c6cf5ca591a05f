package dev.spotrun.domain;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 network in CIDR notation, e.g. {@code 203.0.113.0/24} or {@code 2001:db8::/48}.
 *
 * @param address the address as bytes: 4 for IPv4, 16 for IPv6 (a copy; do not change it)
 * @param prefix  the number of leading bits that name the network
 */
public record Cidr(byte[] address, int prefix) {

    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    /* Only hex digits, colons and dots, starting with a hex digit or a colon: the JDK then parses it as a literal
       and never asks DNS. */
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:][0-9a-fA-F:.]*:[0-9a-fA-F:.]*");
    private static final Pattern PREFIX = Pattern.compile("0|[1-9]\\d{0,2}");
    private static final Pattern TEXT = Pattern.compile("([^/]+)/([^/]+)");

    public Cidr {
        address = address.clone();
        if (address.length != 4 && address.length != 16) {
            throw new IllegalArgumentException("an address has 4 or 16 bytes, not " + address.length);
        }
        if (prefix < 0 || prefix > address.length * 8) {
            throw new IllegalArgumentException("a prefix of " + address.length * 8 + " bits at most, not " + prefix);
        }
    }

    /**
     * Parses {@code A.B.C.D/N} or an IPv6 address with {@code /N}; empty when {@code text} is neither. The address
     * need not be the network's ({@link #isNetwork()} says whether it is). IPv4-mapped IPv6 forms are refused:
     * an IPv4 network is written as one.
     */
    public static Optional<Cidr> parse(String text) {
        Matcher parts = TEXT.matcher(text == null ? "" : text);
        if (!parts.matches() || !PREFIX.matcher(parts.group(2)).matches()) {
            return Optional.empty();
        }
        byte[] bytes = bytes(parts.group(1));
        int prefix = Integer.parseInt(parts.group(2));
        if (bytes == null || prefix > bytes.length * 8) {
            return Optional.empty();
        }
        return Optional.of(new Cidr(bytes, prefix));
    }

    private static byte[] bytes(String address) {
        if (IPV4.matcher(address).matches()) {
            byte[] bytes = new byte[4];
            String[] octets = address.split("\\.");
            for (int i = 0; i < 4; i++) {
                bytes[i] = (byte) Integer.parseInt(octets[i]);
            }
            return bytes;
        }
        if (!IPV6.matcher(address).matches()) {
            return null;
        }
        try {
            InetAddress parsed = InetAddress.getByName(address);
            return parsed instanceof Inet6Address ? parsed.getAddress() : null;
        } catch (UnknownHostException notAnAddress) {
            return null;
        }
    }

    @Override
    public byte[] address() {
        return address.clone();
    }

    public boolean ipv6() {
        return address.length == 16;
    }

    /** The bits after the prefix: 32 for {@code 0.0.0.0/0}, 0 for a single address. */
    public int hostBits() {
        return address.length * 8 - prefix;
    }

    /** The same prefix with the host bits cleared. */
    public Cidr network() {
        byte[] network = address.clone();
        for (int bit = prefix; bit < network.length * 8; bit++) {
            network[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return new Cidr(network, prefix);
    }

    /** Whether the host bits are all zero, as EC2 wants a rule's CIDR. */
    public boolean isNetwork() {
        return Arrays.equals(address, network().address);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Cidr that && prefix == that.prefix && Arrays.equals(address, that.address);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(address) + prefix;
    }

    /** {@code 10.0.0.0/8}, or an IPv6 network in its shortest form, e.g. {@code 2001:db8::/32}. */
    @Override
    public String toString() {
        return (ipv6() ? ipv6Text() : ipv4Text()) + "/" + prefix;
    }

    private String ipv4Text() {
        return (address[0] & 0xff) + "." + (address[1] & 0xff) + "." + (address[2] & 0xff) + "." + (address[3] & 0xff);
    }

    /** RFC 5952: lowercase, no leading zeros, the longest run of two or more zero groups as "::". */
    private String ipv6Text() {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((address[2 * i] & 0xff) << 8) | (address[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; i++) {
            int length = 0;
            while (i + length < 8 && groups[i + length] == 0) {
                length++;
            }
            if (length > bestLength) {
                bestStart = i;
                bestLength = length;
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLength - 1;
            } else {
                if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                    sb.append(':');
                }
                sb.append(Integer.toHexString(groups[i]));
            }
        }
        return sb.toString();
    }
}
