package com.reftab.scim.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;

/** A webhook may only point at https on a public host, unless tests and local runs allow otherwise. */
class WebhookHostsTest {

    private final WebhookHosts production = new WebhookHosts(false);

    @Test
    void localAndPrivateAddressesAreRefused() {
        for (String url : new String[] {"https://127.0.0.1/hook", "https://localhost/hook", "https://10.1.2.3/hook",
                "https://192.168.0.10/hook", "https://169.254.169.254/latest/meta-data", "https://[::1]/hook",
                "https://[fd00::1]/hook", "https://0.0.0.0/hook"}) {
            assertThatThrownBy(() -> production.checkBeforeCall(url)).as(url).hasMessage(WebhookHosts.REFUSED);
        }
    }

    @Test
    void sharedReservedAndBenchmarkingIpv4RangesAreRefused() throws Exception {
        for (String address : new String[] {"0.1.2.3", "100.64.0.1", "100.127.255.254", "192.0.0.8", "198.18.0.1",
                "198.19.255.255", "240.0.0.1", "255.255.255.255"}) {
            assertThat(WebhookHosts.isPublic(InetAddress.getByName(address))).as(address).isFalse();
        }
        for (String address : new String[] {"100.63.255.255", "100.128.0.1", "192.0.1.1", "198.17.255.255", "198.20.0.1",
                "223.255.255.254", "93.184.215.14"}) {
            assertThat(WebhookHosts.isPublic(InetAddress.getByName(address))).as(address).isTrue();
        }
    }

    @Test
    void ipv6RangesWithoutAnAddressOfTheirOwnAreRefused() throws Exception {
        // Local-use NAT64 (64:ff9b:1::/48) and Teredo (2001::/32) hide an address no rule can read.
        for (String address : new String[] {"64:ff9b:1::5db8:d70e", "64:ff9b:1:ffff::1", "2001::5db8:d70e",
                "2001:0:4136:e378:8000:63bf:3fff:fdd2"}) {
            assertThat(WebhookHosts.isPublic(InetAddress.getByName(address))).as(address).isFalse();
        }
        assertThat(WebhookHosts.isPublic(InetAddress.getByName("2001:db9::1"))).isTrue();
        assertThat(WebhookHosts.isPublic(InetAddress.getByName("2606:4700::6810:84e5"))).isTrue();
    }

    @Test
    void anIpv4AddressInsideAnIpv6OneIsJudgedByTheIpv4Rules() throws Exception {
        // NAT64 (64:ff9b::/96), 6to4 (2002::/16), IPv4-compatible (::/96), each around a private and a public address.
        for (String address : new String[] {"64:ff9b::7f00:1", "64:ff9b::a9fe:a9fe", "64:ff9b::a00:1", "2002:7f00:1::1",
                "2002:a9fe:a9fe::1", "2002:c0a8:1::", "::7f00:1", "::a00:1", "::", "::1", "::6440:1"}) {
            assertThat(WebhookHosts.isPublic(InetAddress.getByName(address))).as(address).isFalse();
        }
        for (String address : new String[] {"64:ff9b::5db8:d70e", "2002:5db8:d70e::1", "::5db8:d70e"}) {
            assertThat(WebhookHosts.isPublic(InetAddress.getByName(address))).as(address).isTrue();
        }
    }

    @Test
    void onlyHttpsIsTaken() {
        for (String url : new String[] {"http://93.184.215.14/hook", "ftp://93.184.215.14/x", "hooks.slack.com/x",
                "https://user:secret@93.184.215.14/hook"}) {
            assertThatThrownBy(() -> production.checkWhenSaved(url)).as(url).hasMessage(WebhookHosts.REFUSED);
        }
        assertThatCode(() -> production.checkBeforeCall("https://93.184.215.14/hook")).doesNotThrowAnyException();
    }

    @Test
    void aHostThatDoesNotResolveNowIsSavedButNotCalled() {
        String url = "https://hooks.invalid/services/x";

        assertThatCode(() -> production.checkWhenSaved(url)).doesNotThrowAnyException();
        assertThatThrownBy(() -> production.checkBeforeCall(url)).hasMessage(WebhookHosts.REFUSED);
    }

    @Test
    void testsMayAllowHttpOnLoopback() {
        assertThatCode(() -> new WebhookHosts(true).checkBeforeCall("http://127.0.0.1:8089/hook")).doesNotThrowAnyException();
    }
}
