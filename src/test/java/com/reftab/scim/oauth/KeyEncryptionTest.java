package com.reftab.scim.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KeyEncryptionTest {

    private final String privateKey = EntraKeys.newKey().toJSONString();

    @Test
    void aSealedKeyHoldsNoPrivatePartInTheClearAndOpensWithTheSameSecret() {
        String sealed = new KeyEncryption("operator-secret").seal(privateKey);

        assertThat(sealed).startsWith("sealed:v1:").doesNotContain("\"d\"").doesNotContain(privateKey.substring(20, 60));
        assertThat(new KeyEncryption("operator-secret").open(sealed)).isEqualTo(privateKey);
    }

    @Test
    void aSealedKeyDoesNotOpenWithAnotherSecretOrWithoutOne() {
        String sealed = new KeyEncryption("operator-secret").seal(privateKey);

        assertThatThrownBy(() -> new KeyEncryption("another").open(sealed)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new KeyEncryption("").open(sealed)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("REFTAB_OAUTH_SIGNING_KEY_SECRET");
    }

    @Test
    void withoutASecretKeysAreStoredAsTheyAreAndUnsealedOnesStillOpenOnceOneIsSet() {
        assertThat(new KeyEncryption("").seal(privateKey)).isEqualTo(privateKey);
        assertThat(new KeyEncryption("operator-secret").open(privateKey)).isEqualTo(privateKey);
    }
}
