package org.newswatch.ingest.websub;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code X-Hub-Signature} check of WebSub §8.1: {@code method=signature}, where the method is
 * {@code sha1}, {@code sha256}, {@code sha384} or {@code sha512} and the signature is the lower- or
 * upper-case hex HMAC of the whole body under the subscription's secret. Anything else (no header,
 * another method, a value that is not hex or not the HMAC's length) is not valid. Compared in
 * constant time, so a forger learns nothing from timing.
 */
public final class HubSignature {
  /** A header longer than this cannot be a hex SHA-512 HMAC with its method name; not parsed. */
  static final int MAX_HEADER_CHARS = 200;

  private HubSignature() {}

  /** Whether {@code header} is a valid signature of {@code body} under {@code secret}. */
  public static boolean valid(String header, String secret, byte[] body) {
    if (header == null
        || secret == null
        || secret.isEmpty()
        || body == null
        || header.length() > MAX_HEADER_CHARS) {
      return false;
    }
    int eq = header.indexOf('=');
    if (eq < 0) {
      return false;
    }
    String algorithm =
        switch (header.substring(0, eq).strip().toLowerCase(Locale.ROOT)) {
          case "sha1" -> "HmacSHA1";
          case "sha256" -> "HmacSHA256";
          case "sha384" -> "HmacSHA384";
          case "sha512" -> "HmacSHA512";
          default -> null;
        };
    if (algorithm == null) {
      return false;
    }
    byte[] given;
    try {
      given = HexFormat.of().parseHex(header.substring(eq + 1).strip().toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return false; // not hex, or an odd number of digits
    }
    return MessageDigest.isEqual(hmac(algorithm, secret, body), given);
  }

  /** The HMAC of a body under a secret, with a JCA algorithm name such as {@code HmacSHA256}. */
  public static byte[] hmac(String algorithm, String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance(algorithm);
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("every JVM has " + algorithm, e);
    }
  }
}
