package dev.nsoha.sim.util;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The simulator's stand-in for NSO's {@code $9$} encrypted strings. It only obfuscates (a fixed
 * SHA-256 key stream, the same on every node, like the example's shared dummy keys); it is not
 * meant to protect anything.
 */
public final class Crypto {
  private static final String PREFIX = "$9$";

  private Crypto() {}

  /** Whether a value is already in encrypted form. */
  public static boolean isEncrypted(String v) {
    return v.startsWith(PREFIX);
  }

  /** Encrypts clear text (returns encrypted input unchanged). */
  public static String encrypt(String clear) {
    if (isEncrypted(clear)) {
      return clear;
    }
    return PREFIX + Base64.getEncoder().encodeToString(xor(clear.getBytes(StandardCharsets.UTF_8)));
  }

  /** Decrypts a {@code $9$} value (returns clear input unchanged). */
  public static String decrypt(String v) {
    if (!isEncrypted(v)) {
      return v;
    }
    try {
      return new String(
          xor(Base64.getDecoder().decode(v.substring(PREFIX.length()))), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return v;
    }
  }

  private static byte[] xor(byte[] in) {
    byte[] out = new byte[in.length];
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] block = md.digest("nso-sim-encrypted-strings".getBytes(StandardCharsets.UTF_8));
      for (int i = 0; i < in.length; i++) {
        if (i > 0 && i % block.length == 0) {
          block = md.digest(block);
        }
        out[i] = (byte) (in[i] ^ block[i % block.length]);
      }
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }

  /** HMAC-SHA256 of {@code data} with {@code key}, hex encoded (the HA token proof). */
  public static String hmac(String key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      StringBuilder b = new StringBuilder();
      for (byte x : mac.doFinal(data.getBytes(StandardCharsets.UTF_8))) {
        b.append(String.format("%02x", x));
      }
      return b.toString();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
