package org.newswatch.alert.deliver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.newswatch.common.model.Alert;
import org.newswatch.common.model.Subscription;
import org.newswatch.common.net.AddressGuard;
import org.newswatch.common.testing.ScriptedDns;

/**
 * DNS rebinding against webhook delivery (issue 11, item 10). Hostile input: a webhook whose name
 * server answers a public address (203.0.113.7, RFC 5737) when the guard checks it and 127.0.0.1
 * afterwards, where a loopback receiver stands for an internal service. Private targets are not
 * allowed. Needs the JVM's DNS cache off ({@code -Dsun.net.inetaddr.ttl=0}, set in this module's
 * Surefire configuration), or the second answer never reaches the client.
 */
class WebhookSenderRebindingTest {
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

  private static SendResult deliver(String host, int attempts) throws Exception {
    try (FlakyReceiver internal = new FlakyReceiver(200)) {
      ScriptedDns.rebind(host, "203.0.113.7", "127.0.0.1");
      WebhookSender sender =
          new WebhookSender(
              new AddressGuard(false),
              Clock.systemUTC(),
              new Backoff(attempts, Duration.ofMillis(10), Duration.ofMillis(10)),
              "https://example.org/contact");
      SendResult r =
          sender.send(
              ALERT,
              new Subscription.Channel(
                  "webhook", internal.url().replace("127.0.0.1", host), "s", null));
      assumeTrue(
          ScriptedDns.lookups(host) >= 2,
          "the JVM cached the first answer: run with -Dsun.net.inetaddr.ttl=0");
      assertEquals(
          List.of(),
          internal.received(),
          "the alert reached the internal (loopback) receiver; attempts: " + r.attempts());
      return r;
    }
  }

  @Test
  @DisplayName(
      "a webhook whose DNS answer turns internal after the check is posted to only at the checked address")
  void deliveryConnectsOnlyToTheCheckedAddress() throws Exception {
    assertFalse(deliver("hook.rebind.test", 1).delivered());
  }

  @Test
  @DisplayName(
      "every retry of a webhook is checked and pinned again: a retry never reaches the rebound address")
  void retriesConnectOnlyToCheckedAddresses() throws Exception {
    SendResult r = deliver("retry.rebind.test", 3);
    assertFalse(r.delivered());
    assertTrue(
        r.lastError().contains("resolves to 127.0.0.1, an internal address"),
        "the retry was checked again and refused: " + r.attempts());
  }
}
