package org.newswatch.alert.deliver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.newswatch.common.model.Alert;
import org.newswatch.common.model.Subscription;
import org.newswatch.common.net.AddressGuard;

class WebhookSenderTest {
  private static final Alert ALERT =
      new Alert(
          Alert.SCHEMA,
          "alert-1",
          "sub-1",
          "an-1",
          "art-1",
          "art-1",
          "https://news.example/a",
          "Attack in Kech",
          "voa",
          "en",
          Instant.EPOCH,
          List.of("Kech"),
          "…",
          Instant.EPOCH);
  private static final Backoff FAST = new Backoff(4, Duration.ofMillis(10), Duration.ofMillis(40));

  private static WebhookSender sender(boolean allowPrivate) {
    return new WebhookSender(
        new AddressGuard(allowPrivate), Clock.systemUTC(), FAST, "https://example.org/contact");
  }

  @Test
  void retriesUntilTheReceiverAcceptsWithOneDeliveryIdAndValidSignatures() throws Exception {
    try (FlakyReceiver receiver = new FlakyReceiver(503, 500, 200)) {
      SendResult r =
          sender(true)
              .send(ALERT, new Subscription.Channel("webhook", receiver.url(), "s3cret", null));
      assertTrue(r.delivered(), r.attempts().toString());
      assertEquals(List.of("HTTP 503", "HTTP 500", "HTTP 200"), r.attempts());
      assertEquals(3, receiver.received().size());
      for (FlakyReceiver.Received got : receiver.received()) {
        assertEquals("alert-1", got.deliveryId());
        assertEquals("alert-1", got.idempotencyKey());
        String expected =
            WebhookSignature.sign(
                "s3cret",
                Long.parseLong(got.timestamp()),
                got.body().getBytes(StandardCharsets.UTF_8));
        assertEquals(expected, got.signature());
        assertTrue(got.body().contains("\"id\":\"alert-1\""), got.body());
      }
    }
  }

  @Test
  void givesUpAfterTheLastAttempt() throws Exception {
    try (FlakyReceiver receiver = new FlakyReceiver(503)) {
      SendResult r =
          sender(true).send(ALERT, new Subscription.Channel("webhook", receiver.url(), "s", null));
      assertFalse(r.delivered());
      assertEquals(4, receiver.received().size());
    }
  }

  @Test
  void aRefusalIsFinal() throws Exception {
    try (FlakyReceiver receiver = new FlakyReceiver(400, 200)) {
      SendResult r =
          sender(true).send(ALERT, new Subscription.Channel("webhook", receiver.url(), "s", null));
      assertFalse(r.delivered());
      assertEquals(List.of("HTTP 400"), r.attempts());
    }
  }

  @Test
  void refusesLoopbackUnlessPrivateTargetsAreAllowed() throws Exception {
    try (FlakyReceiver receiver = new FlakyReceiver(200)) {
      SendResult r =
          sender(false).send(ALERT, new Subscription.Channel("webhook", receiver.url(), "s", null));
      assertFalse(r.delivered());
      assertTrue(r.lastError().contains("internal address"), r.lastError());
      assertEquals(0, receiver.received().size());
    }
  }

  @Test
  void signatureIsHmacSha256OverTimestampDotBody() {
    // Known answer from an independent implementation: printf '1.{}' | openssl dgst -sha256 -hmac
    // key
    assertEquals(
        "sha256=1ba6b8171186efc613e8bcc0cbdab2748f24984d7c5a84faa2637afa0e40d224",
        WebhookSignature.sign("key", 1, "{}".getBytes(StandardCharsets.UTF_8)));
  }
}
