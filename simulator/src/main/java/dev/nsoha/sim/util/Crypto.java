package dev.nsoha.sim.util;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * NSO's {@code $9$} encrypted strings ({@code tailf:aes-256-cfb-128-encrypted-string}): AES-256 in
 * CFB-128 mode with the key of ncs.conf {@code /ncs-config/encrypted-strings/AES256CFB128/key} and
 * a random 16-byte IV per value, stored as {@code $9$} and the base64 of IV and cipher text. Until
 * a node sets its key ({@link #useKey}), the fixed, publicly known demo key of a local install's
 * ncs.conf is used, so nodes set up alike share a key, as HA needs. One key per process: a
 * simulated node is one process. Thread-safe.
 */
public final class Crypto {
  /** The local install's public demo key (never for anything real). */
  public static final String DEMO_KEY =
      "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

  private static final String PREFIX = "$9$";
  private static final int IV = 16;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static volatile SecretKeySpec key = key(DEMO_KEY);

  private Crypto() {}

  /**
   * Uses {@code hex} (64 hex digits, ncs.conf's {@code AES256CFB128/key}) from now on.
   *
   * @throws IllegalArgumentException when it is not 64 hex digits
   */
  public static void useKey(String hex) {
    key = key(hex);
  }

  private static SecretKeySpec key(String hex) {
    String h = hex.strip();
    if (!h.matches("[0-9a-fA-F]{64}")) {
      throw new IllegalArgumentException("an AES256CFB128 key is 64 hex digits");
    }
    return new SecretKeySpec(HexFormat.of().parseHex(h), "AES");
  }

  /** Whether a value is already in encrypted form. */
  public static boolean isEncrypted(String v) {
    return v.startsWith(PREFIX);
  }

  /** Encrypts clear text (returns encrypted input unchanged). */
  public static String encrypt(String clear) {
    if (isEncrypted(clear)) {
      return clear;
    }
    byte[] iv = new byte[IV];
    RANDOM.nextBytes(iv);
    byte[] ct = cipher(Cipher.ENCRYPT_MODE, iv, clear.getBytes(StandardCharsets.UTF_8));
    byte[] out = Arrays.copyOf(iv, IV + ct.length);
    System.arraycopy(ct, 0, out, IV, ct.length);
    return PREFIX + Base64.getEncoder().encodeToString(out);
  }

  /** Decrypts a {@code $9$} value (returns clear or undecodable input unchanged). */
  public static String decrypt(String v) {
    if (!isEncrypted(v)) {
      return v;
    }
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(v.substring(PREFIX.length()));
    } catch (IllegalArgumentException e) {
      return v;
    }
    if (raw.length < IV) {
      return v;
    }
    byte[] clear =
        cipher(
            Cipher.DECRYPT_MODE, Arrays.copyOf(raw, IV), Arrays.copyOfRange(raw, IV, raw.length));
    return new String(clear, StandardCharsets.UTF_8);
  }

  private static byte[] cipher(int mode, byte[] iv, byte[] in) {
    try {
      Cipher c = Cipher.getInstance("AES/CFB/NoPadding");
      c.init(mode, key, new IvParameterSpec(iv));
      return c.doFinal(in);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** HMAC-SHA256 of {@code data} with {@code key}, hex encoded (the HA token proof). */
  public static String hmac(String key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
