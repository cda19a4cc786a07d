package org.newswatch.common;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Stable hashes for ids and keys (SHA-256, hex). */
public final class Hashes {
  private Hashes() {}

  public static String sha256Hex(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /**
   * A short id (the first 16 hex digits, 64 bits) of a SHA-256 over the parts joined by newlines.
   */
  public static String id(String... parts) {
    return sha256Hex(String.join("\n", parts)).substring(0, 16);
  }
}
