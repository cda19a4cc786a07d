package org.newswatch.fuzz;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.HexFormat;
import org.junit.jupiter.api.extension.ExtendWith;
import org.newswatch.ingest.websub.HubSignature;

/**
 * Fuzzes {@link HubSignature}, ingest-service's reader of the {@code X-Hub-Signature} header that
 * anyone can send to a WebSub callback. It must answer true or false and never throw (a throw would
 * answer 500 where WebSub §8.1 asks for 2xx); the true HMAC of the body must pass and any change to
 * it must not.
 */
@ExtendWith(FuzzSummary.class)
class HubSignatureFuzzTest {
  private static final String[] METHODS = {"sha1", "sha256", "sha384", "sha512"};

  @FuzzTest(maxDuration = "12s")
  void check(FuzzedDataProvider data) {
    FuzzSummary.executed();
    String secret = data.consumeString(80);
    String header = data.consumeString(300);
    byte[] body = data.consumeRemainingAsBytes();
    boolean forged = HubSignature.valid(header, secret, body);
    if (secret.isEmpty()) {
      assertFalse(forged, "no secret, nothing is valid");
      return;
    }
    String method = METHODS[Math.floorMod(body.length, METHODS.length)];
    String name = "Hmac" + method.toUpperCase(java.util.Locale.ROOT);
    byte[] mac = HubSignature.hmac(name, secret, body);
    assertTrue(
        HubSignature.valid(method + "=" + HexFormat.of().formatHex(mac), secret, body),
        "the true signature");
    mac[0] ^= 1;
    assertFalse(
        HubSignature.valid(method + "=" + HexFormat.of().formatHex(mac), secret, body),
        "one bit off");
  }
}
