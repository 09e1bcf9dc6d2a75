package io.aiocop;

/**
 * Tells apart the host strings that {@code InetAddress.getByName/getAllByName} answers without asking a name
 * service: an IP literal ({@code 127.0.0.1}, {@code ::1}, {@code [::1]}, {@code fe80::1%lo}), no host at all (the
 * loopback address), or a malformed IPv6 literal (refused at once). Only the rest is a lookup.
 *
 * <p>Mirrors the checks {@code InetAddress.getAllByName} makes before its name-service call, on Java 17 as on 25:
 * a host in brackets is an IPv6 literal or an error; a host that starts with a hex digit or {@code ':'} is a
 * literal when it parses as IPv4 ({@code IPAddressUtil.textToNumericFormatV4}, ASCII digits) or contains a
 * {@code ':'} (then it parses as IPv6 or is refused). Anything else, {@code 999.1.1.1} or {@code cafe} included,
 * goes to the name service. Where the JDK accepts more (non-ASCII digits with
 * {@code -Djdk.net.allowAmbiguousIPAddressLiterals=true}) this says "lookup": a call is never missed, at worst a
 * literal is reported. Runs only for calls about to be recorded; reads the string, allocates nothing.
 */
final class HostLiterals {

    private HostLiterals() {
    }

    /**
     * Returns whether {@code InetAddress} resolves {@code host} without a name-service lookup.
     *
     * @param host the host passed to {@code getByName} or {@code getAllByName}; may be null
     * @return true for null, empty, an IP literal or a bracketed or colon-bearing string; false for a name
     */
    static boolean resolvesWithoutLookup(String host) {
        if (host == null || host.isEmpty()) {
            return true;
        }
        char first = host.charAt(0);
        if (first == '[' || first == ':') {
            return true;
        }
        if (!isHexDigit(first)) {
            return false;
        }
        return host.indexOf(':') >= 0 || isIpv4Literal(host);
    }

    /**
     * {@code IPAddressUtil.textToNumericFormatV4} without the array: one to four decimal parts separated by dots,
     * all but the last at most 255, the last filling the bytes left ({@code 127.1} is {@code 127.0.0.1}).
     */
    static boolean isIpv4Literal(String s) {
        int length = s.length();
        if (length == 0 || length > 15) {
            return false;
        }
        long value = 0;
        int dots = 0;
        boolean newPart = true;
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (c == '.') {
                if (newPart || value > 0xff || dots == 3) {
                    return false;
                }
                dots++;
                value = 0;
                newPart = true;
            } else if (c >= '0' && c <= '9') {
                value = value * 10 + (c - '0');
                newPart = false;
            } else {
                return false;
            }
        }
        return !newPart && value < (1L << ((4 - dots) * 8));
    }

    private static boolean isHexDigit(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }
}
