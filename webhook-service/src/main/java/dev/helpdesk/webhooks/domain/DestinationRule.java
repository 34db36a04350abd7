package dev.helpdesk.webhooks.domain;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * Where a webhook may be sent (SSRF guard, docs/webhooks.md): an absolute {@code https} URL without user info or
 * fragment whose host resolves only to public addresses. Loopback, private (RFC 1918), shared (100.64/10), link-local,
 * unique-local (fc00::/7), multicast, unspecified and reserved addresses are refused unless
 * {@code allowPrivateAddresses}; plain {@code http} unless {@code allowHttp}. Checked when an endpoint is registered
 * and again before every attempt (a name may resolve elsewhere later).
 */
public final class DestinationRule {

    /** Resolves a host name to every address it has (the JDK's resolver in production). */
    @FunctionalInterface
    public interface Resolver {
        List<InetAddress> resolve(String host) throws UnknownHostException;
    }

    /** Why a URL is refused: {@code malformed} is the caller's syntax error, the others a rule. */
    public enum Refusal { MALFORMED, NOT_HTTPS, UNRESOLVABLE, PRIVATE_ADDRESS }

    /** The outcome: accepted (refusal null) or refused with a message for the caller. */
    public record Verdict(Refusal refusal, String message) {

        static final Verdict ACCEPTED = new Verdict(null, null);

        public boolean accepted() {
            return refusal == null;
        }
    }

    private final Resolver resolver;
    private final boolean allowHttp;
    private final boolean allowPrivateAddresses;

    public DestinationRule(Resolver resolver, boolean allowHttp, boolean allowPrivateAddresses) {
        this.resolver = resolver;
        this.allowHttp = allowHttp;
        this.allowPrivateAddresses = allowPrivateAddresses;
    }

    public Verdict check(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return new Verdict(Refusal.MALFORMED, "must be an absolute URL");
        }
        if (!uri.isAbsolute() || uri.getHost() == null || uri.isOpaque()) {
            return new Verdict(Refusal.MALFORMED, "must be an absolute URL with a host");
        }
        if (uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            return new Verdict(Refusal.MALFORMED, "must not carry user info or a fragment");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(allowHttp && scheme.equals("http"))) {
            return new Verdict(Refusal.NOT_HTTPS, "Webhook URLs must use https.");
        }
        if (allowPrivateAddresses) {
            return Verdict.ACCEPTED;
        }
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            return new Verdict(Refusal.UNRESOLVABLE, "The URL's host does not resolve.");
        }
        if (addresses.isEmpty()) {
            return new Verdict(Refusal.UNRESOLVABLE, "The URL's host does not resolve.");
        }
        for (InetAddress address : addresses) {
            if (!isPublic(address)) {
                return new Verdict(Refusal.PRIVATE_ADDRESS,
                        "The URL's host resolves to a loopback, private, link-local or otherwise non-public address.");
            }
        }
        return Verdict.ACCEPTED;
    }

    /** Whether an address is one a webhook may reach without the admin setting. */
    public static boolean isPublic(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return isPublicV4(b);
        }
        if (address instanceof Inet6Address) {
            int first = b[0] & 0xff;
            if ((first & 0xfe) == 0xfc) {
                return false; // fc00::/7 unique local
            }
            if (isV4Mapped(b) || isV4Compatible(b)) {
                return isPublicV4(new byte[]{b[12], b[13], b[14], b[15]});
            }
            if (first == 0x20 && (b[1] & 0xff) == 0x02) {
                return isPublicV4(new byte[]{b[2], b[3], b[4], b[5]}); // 2002::/16 6to4 embeds an IPv4 address
            }
            if (first == 0x20 && (b[1] & 0xff) == 0x01 && b[2] == 0x0d && (b[3] & 0xff) == 0xb8) {
                return false; // 2001:db8::/32 documentation
            }
            if (first == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
                return isPublicV4(new byte[]{b[12], b[13], b[14], b[15]}); // 64:ff9b::/96 NAT64
            }
            return first != 0 || !allZeroUpTo(b, 16);
        }
        return false;
    }

    private static boolean isPublicV4(byte[] b) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        return !(a0 == 0                                    // 0.0.0.0/8 "this network"
                || a0 == 10                                 // 10/8
                || a0 == 127                                // loopback
                || (a0 == 100 && a1 >= 64 && a1 <= 127)     // 100.64/10 shared (carrier-grade NAT)
                || (a0 == 169 && a1 == 254)                 // link-local, cloud metadata
                || (a0 == 172 && a1 >= 16 && a1 <= 31)      // 172.16/12
                || (a0 == 192 && a1 == 168)                 // 192.168/16
                || (a0 == 192 && a1 == 0 && (b[2] & 0xff) == 0) // 192.0.0/24 IETF protocol assignments
                || (a0 == 198 && (a1 == 18 || a1 == 19))    // 198.18/15 benchmarking
                || a0 >= 224);                              // multicast, reserved, broadcast
    }

    private static boolean isV4Mapped(byte[] b) {
        return allZeroUpTo(b, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }

    private static boolean isV4Compatible(byte[] b) {
        return allZeroUpTo(b, 12);
    }

    private static boolean allZeroUpTo(byte[] b, int end) {
        for (int i = 0; i < end; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
