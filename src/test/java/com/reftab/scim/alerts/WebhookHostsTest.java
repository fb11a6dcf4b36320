package com.reftab.scim.alerts;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
