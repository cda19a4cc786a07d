package org.newswatch.alert;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.newswatch.alert.deliver.DeliveryLoop;
import org.newswatch.alert.deliver.SmtpSettings;
import org.newswatch.alert.emit.AlertEmitter;
import org.newswatch.common.testing.KafkaBroker;
import org.newswatch.common.testing.KafkaBrokerExtension;
import org.newswatch.common.testing.TopicRecords;

/**
 * An e-mail channel end to end: article on the topic, alert, message in a real SMTP server's
 * mailbox.
 */
@ExtendWith(KafkaBrokerExtension.class)
class EmailDeliveryTest {
  @TempDir Path dataDir;
  private ServiceFixture fx;
  private GreenMail mail;

  @AfterEach
  void stop() {
    if (fx != null) {
      fx.close();
    }
    if (mail != null) {
      mail.stop();
    }
  }

  private static Map<String, Object> emailSubscription(String to) {
    return Map.of(
        "name",
        "Panjgur by mail",
        "query",
        "panjgur",
        "channels",
        List.of(Map.of("type", "email", "to", to)));
  }

  @Test
  void immediateAlertArrivesAsOneEmailAndShowsInDeliveries(KafkaBroker broker) throws Exception {
    mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    mail.start();
    fx = new ServiceFixture(broker, dataDir);
    fx.settings =
        new AlertSettings(
            Optional.of(
                new SmtpSettings(
                    "127.0.0.1",
                    mail.getSmtp().getPort(),
                    "alerts@newswatch.test",
                    null,
                    null,
                    false)),
            null);
    fx.start();
    String key = fx.newAnalyst("Mailed");
    Api.Answer created =
        fx.api.post("/api/subscriptions", key, emailSubscription("amina@example.org"));
    assertEquals(201, created.status(), created.body());
    String subscription = created.json().get("id").asText();

    fx.publish(TestArticles.BORDER_ATTACK_EN);
    await().atMost(Duration.ofSeconds(60)).until(() -> mail.getReceivedMessages().length >= 1);

    String alertId =
        fx.api
            .get("/api/alerts?subscription=" + subscription, key)
            .json()
            .get("items")
            .get(0)
            .get("id")
            .asText();
    MimeMessage m = mail.getReceivedMessages()[0];
    assertEquals("<" + alertId + "@newswatch>", m.getMessageID());
    assertTrue(
        GreenMailUtil.getBody(m).contains(TestArticles.BORDER_ATTACK_EN.url()),
        GreenMailUtil.getBody(m));
    assertTrue(GreenMailUtil.getBody(m).contains("Why: panjgur"), GreenMailUtil.getBody(m));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> fx.api.get("/api/deliveries", key).json().get("items").size() == 1);
    JsonNode d = fx.api.get("/api/deliveries", key).json().get("items").get(0);
    assertEquals("email", d.get("channel").asText());
    assertEquals("mailto:amina@example.org", d.get("target").asText());
    assertTrue(d.get("delivered").asBoolean());
    assertEquals(1, mail.getReceivedMessages().length);
  }

  @Test
  void mailServerThatStaysDownIsRetriedThenDeadLettered(KafkaBroker broker) throws Exception {
    int closed;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    fx = new ServiceFixture(broker, dataDir);
    fx.settings =
        new AlertSettings(
            Optional.of(
                new SmtpSettings("127.0.0.1", closed, "alerts@newswatch.test", null, null, false)),
            null);
    fx.start();
    String key = fx.newAnalyst("Bounced");
    assertEquals(
        201,
        fx.api.post("/api/subscriptions", key, emailSubscription("amina@example.org")).status());

    fx.publish(TestArticles.BORDER_ATTACK_EN);
    await()
        .atMost(Duration.ofSeconds(90))
        .until(() -> TopicRecords.read(fx.bootstrap, fx.topics.deadLetter().name()).size() == 1);

    var dead = TopicRecords.read(fx.bootstrap, fx.topics.deadLetter().name()).get(0);
    assertEquals(
        "mailto:amina@example.org",
        new String(
            dead.headers().lastHeader(DeliveryLoop.TARGET_HEADER).value(), StandardCharsets.UTF_8));
    String error =
        new String(
            dead.headers().lastHeader(AlertEmitter.ERROR_HEADER).value(), StandardCharsets.UTF_8);
    assertTrue(error.startsWith("email delivery failed after 5 attempt(s)"), error);
    JsonNode d = fx.api.get("/api/deliveries", key).json().get("items").get(0);
    assertEquals("email", d.get("channel").asText());
    assertEquals(false, d.get("delivered").asBoolean());
    assertEquals(5, d.get("attempts").size());
  }

  @Test
  void emailChannelIsRefusedWhenSmtpIsNotConfigured(KafkaBroker broker) {
    fx = new ServiceFixture(broker, dataDir).start();
    String key = fx.newAnalyst("Unmailed");
    Api.Answer refused =
        fx.api.post("/api/subscriptions", key, emailSubscription("amina@example.org"));
    assertEquals(400, refused.status(), refused.body());
    assertTrue(refused.contentType().startsWith("application/problem+json"), refused.contentType());
    assertTrue(refused.body().contains("NEWSWATCH_SMTP_HOST"), refused.body());
  }
}
