package io.patchbay.security;

/**
 * A secret as stored: ciphertext plus the hint a person may see ({@code ••••} and the last four characters). The
 * clear text is never part of this record.
 */
public record SealedSecret(byte[] ciphertext, String hint) {

    public static String hintFor(String secret) {
        return "••••" + (secret.length() > 8 ? secret.substring(secret.length() - 4) : "");
    }
}
