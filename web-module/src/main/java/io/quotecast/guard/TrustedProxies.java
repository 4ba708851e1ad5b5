package io.quotecast.guard;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The load balancers and proxies whose {@code X-Forwarded-For} is believed
 * ({@code quotecast.trusted-proxies}: addresses and CIDR ranges, comma-separated). Behind a
 * balancer every connection comes from the balancer's address, so per-address limits would count
 * all its clients as one; from a trusted proxy, the client is the address it says it forwarded
 * for instead. The header is read from the right, past every trusted proxy, and nobody else's is
 * believed: a client cannot pick its own address by writing the header. Literal addresses only:
 * nothing here looks a name up.
 */
public final class TrustedProxies {

    public static final TrustedProxies NONE = new TrustedProxies(List.of());

    private final List<Range> ranges;

    private TrustedProxies(List<Range> ranges) {
        this.ranges = List.copyOf(ranges);
    }

    /** {@code value} as the setting is written, e.g. {@code "10.0.0.0/8, 127.0.0.1, ::1"}. */
    public static TrustedProxies parse(String value) {
        List<Range> ranges = new ArrayList<>();
        for (String entry : value.split(",")) {
            String trimmed = entry.trim();
            if (!trimmed.isEmpty()) {
                ranges.add(Range.parse(trimmed));
            }
        }
        return new TrustedProxies(ranges);
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    /**
     * The client's address: {@code peer} (the connection's other end) unless it is a trusted
     * proxy; then, walking {@code forwardedFor} (every {@code X-Forwarded-For} header, in order)
     * from the right, the first address that is no trusted proxy. An entry that is no address
     * ({@code unknown}, a name, garbage) stops the walk at the trusted proxy that wrote it.
     */
    public String clientOf(String peer, List<String> forwardedFor) {
        if (ranges.isEmpty() || !trusts(peer)) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        for (String header : forwardedFor) {
            Arrays.stream(header.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(hops::add);
        }
        String client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            Optional<InetAddress> hop = literal(hops.get(i));
            if (hop.isEmpty()) {
                return client;
            }
            client = hop.get().getHostAddress();
            if (!trusts(hop.get())) {
                return client;
            }
        }
        return client;
    }

    boolean trusts(String address) {
        return literal(address).map(this::trusts).orElse(false);
    }

    private boolean trusts(InetAddress address) {
        return ranges.stream().anyMatch(r -> r.contains(address));
    }

    /** An IP address written out (IPv6 possibly in brackets), never a name to resolve. */
    static Optional<InetAddress> literal(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String address = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        // Four dotted numbers or IPv6: InetAddress also takes short forms (10.1 is 10.0.0.1), which
        // in a list of trusted proxies is more likely a typo than meant.
        boolean ipv4 = address.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean ipv6 = address.contains(":") && address.matches("[0-9a-fA-F:.%]+");
        if (!ipv4 && !ipv6) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(address));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return ranges.toString();
    }

    /** An address and the number of leading bits that must match it. */
    private record Range(byte[] network, int bits, String text) {

        static Range parse(String text) {
            int slash = text.indexOf('/');
            String address = slash < 0 ? text : text.substring(0, slash);
            InetAddress parsed = literal(address).orElseThrow(() -> new IllegalArgumentException(
                    "quotecast.trusted-proxies: '" + text + "' is not an IP address or a CIDR range"));
            int length = parsed.getAddress().length * 8;
            int bits = length;
            if (slash >= 0) {
                try {
                    bits = Integer.parseInt(text.substring(slash + 1));
                } catch (NumberFormatException e) {
                    bits = -1;
                }
                if (bits < 0 || bits > length) {
                    throw new IllegalArgumentException("quotecast.trusted-proxies: '" + text
                            + "' has a prefix length outside 0 to " + length);
                }
            }
            return new Range(parsed.getAddress(), bits, text);
        }

        boolean contains(InetAddress address) {
            byte[] candidate = address.getAddress();
            if (candidate.length != network.length) {
                return false;
            }
            int whole = bits / 8;
            for (int i = 0; i < whole; i++) {
                if (candidate[i] != network[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (candidate[whole] & mask) == (network[whole] & mask);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
