package com.reftab.scim.oauth;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals a signing key's private part before it is stored, with AES-256-GCM under a key derived from
 * {@code REFTAB_OAUTH_SIGNING_KEY_SECRET}, so a copy of the database alone cannot sign tokens. Without
 * the setting keys are stored as they are (still never returned by any API); a key stored sealed
 * cannot be read without the setting, and the start of signing fails saying so.
 */
final class KeyEncryption {

    private static final String SEALED = "sealed:v1:";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    /** @param secret the configured secret; empty: keys are stored unsealed */
    KeyEncryption(String secret) {
        this.key = secret == null || secret.isEmpty() ? null
                : new SecretKeySpec(SecretHash.of("reftab-oauth-signing-key:" + secret), "AES");
    }

    String seal(String privateKey) {
        if (key == null) {
            return privateKey;
        }
        try {
            byte[] iv = new byte[12];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            byte[] sealed = cipher.doFinal(privateKey.getBytes(StandardCharsets.UTF_8));
            return SEALED + Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A signing key could not be sealed", e);
        }
    }

    String open(String stored) {
        if (!stored.startsWith(SEALED)) {
            return stored;
        }
        if (key == null) {
            throw new IllegalStateException("A signing key is stored sealed; set REFTAB_OAUTH_SIGNING_KEY_SECRET to the value it was sealed with.");
        }
        try {
            byte[] all = Base64.getDecoder().decode(stored.substring(SEALED.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, all, 0, 12));
            return new String(cipher.doFinal(all, 12, all.length - 12), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("A stored signing key cannot be opened with REFTAB_OAUTH_SIGNING_KEY_SECRET", e);
        }
    }
}
