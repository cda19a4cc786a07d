package org.newswatch.alert.deliver;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of a webhook delivery, for the receiver to check that it came from Newswatch and
 * was not replayed:
 *
 * <pre>
 * Newswatch-Timestamp: 1764320000                (Unix seconds when sent)
 * Newswatch-Signature: sha256=&lt;hex&gt;              HMAC-SHA256(secret, timestamp + "." + body)
 * </pre>
 *
 * A receiver recomputes the HMAC over the timestamp header, a dot and the raw body bytes, compares
 * in constant time, and refuses timestamps more than five minutes away from its clock.
 */
public final class WebhookSignature {
  public static final String TIMESTAMP_HEADER = "Newswatch-Timestamp";
  public static final String SIGNATURE_HEADER = "Newswatch-Signature";

  /** The alert id: the same for every attempt, so a receiver can drop repeats. */
  public static final String DELIVERY_HEADER = "Newswatch-Delivery";

  public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

  private WebhookSignature() {}

  public static String sign(String secret, long timestampSeconds, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is in every JVM", e);
    }
  }
}
