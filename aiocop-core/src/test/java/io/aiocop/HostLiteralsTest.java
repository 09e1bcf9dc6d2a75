package io.aiocop;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which host strings {@code InetAddress} answers without a name service, as {@link HostLiterals} mirrors it; the
 * agent test {@code HostLiteralLookupAgentTest} checks the same on real calls.
 */
final class HostLiteralsTest {

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"127.0.0.1", "0.0.0.0", "255.255.255.255", "10.1.2.3", "127.1", "10.1.65535", "1",
        "4294967295", "::1", "::", "0:0:0:0:0:0:0:1", "2001:db8::1", "::ffff:127.0.0.1", "fe80::1%lo",
        "fe80::1%1", "FE80::A", "[::1]", "[fe80::1%lo]", "[127.0.0.1]", "[::1", "2001:zz::1"})
    void aLiteralOrAMalformedLiteralNeedsNoLookup(String host) {
        assertThat(HostLiterals.resolvesWithoutLookup(host)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "example.org", "cafe", "deadbeef", "a.b.c.d", "999.1.1.1", "256.0.0.1",
        "1.2.3.4.5", "1.2.3.", ".1.2.3", "1..2.3", "4294967296", "1.16777216", "1.2.65536", "127.0.0.1 ",
        "1234567890123456", "xn--nxasmq6b", "-1.2.3.4"})
    void aNameIsALookup(String host) {
        assertThat(HostLiterals.resolvesWithoutLookup(host)).isFalse();
    }
}
