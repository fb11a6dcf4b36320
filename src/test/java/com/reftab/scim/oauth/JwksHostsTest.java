package com.reftab.scim.oauth;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** A JWKS is fetched only over https from a public address, unless insecure hosts are allowed. */
class JwksHostsTest {

    private final JwksHosts hosts = new JwksHosts(false);

    @ParameterizedTest
    @ValueSource(strings = {"https://127.0.0.1/keys", "https://[::1]/keys", "https://169.254.169.254/keys",
            "https://10.0.0.1/keys", "https://192.168.1.1/keys", "https://172.16.0.1/keys", "https://[fd00::1]/keys",
            "https://[fe80::1]/keys", "https://0.0.0.0/keys", "https://224.0.0.1/keys", "http://8.8.8.8/keys"})
    void aNonPublicAddressOrHttpIsRefusedWithOneMessage(String uri) {
        assertThatThrownBy(() -> hosts.check(uri)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(JwksHosts.REFUSED);
    }

    @Test
    void anHttpsUrlOfAPublicAddressIsTaken() {
        assertThatCode(() -> hosts.check("https://8.8.8.8/keys")).doesNotThrowAnyException();
    }

    @Test
    void insecureHostsAllowedTakeLocalHttp() {
        assertThatCode(() -> new JwksHosts(true).check("http://127.0.0.1:8080/keys")).doesNotThrowAnyException();
    }

    @Test
    void aHostThatDoesNotResolveIsTakenWhenSavedAndRefusedWhenFetched() {
        // Entra's login.microsoftonline.com must be savable where DNS is down; its addresses are checked at each fetch.
        assertThatCode(() -> hosts.checkWhenSaved("https://jwks.invalid/keys")).doesNotThrowAnyException();
        assertThatThrownBy(() -> hosts.check("https://jwks.invalid/keys")).hasMessage(JwksHosts.REFUSED);
    }

    @Test
    void aLocalAddressIsRefusedWhenSavedToo() {
        assertThatThrownBy(() -> hosts.checkWhenSaved("https://127.0.0.1/keys")).hasMessage(JwksHosts.REFUSED);
        assertThatThrownBy(() -> hosts.checkWhenSaved("http://8.8.8.8/keys")).hasMessage(JwksHosts.REFUSED);
    }
}
