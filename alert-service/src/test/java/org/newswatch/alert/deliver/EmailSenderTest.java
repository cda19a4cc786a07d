package org.newswatch.alert.deliver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newswatch.alert.emit.AlertStore;
import org.newswatch.common.config.Env;
import org.newswatch.common.config.Settings;
import org.newswatch.common.kafka.Topics;
import org.newswatch.common.model.Alert;
import org.newswatch.common.model.Subscription;

/** E-mail delivery against GreenMail, a real SMTP server on loopback. */
class EmailSenderTest {
  @TempDir Path dataDir;
  private GreenMail mail;

  @AfterEach
  void stop() {
    if (mail != null) {
      mail.stop();
    }
  }

  private static GreenMail smtpOn(int port) {
    GreenMail g = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    g.start();
    return g;
  }

  private static SmtpSettings settings(int port) {
    return new SmtpSettings("127.0.0.1", port, "alerts@newswatch.test", null, null, false);
  }

  private static Alert alert(String id, String title, Instant at) {
    return new Alert(
        Alert.SCHEMA,
        id,
        "sub-1",
        "an-1",
        "art-" + id,
        "art-" + id,
        "https://news.example/" + id,
        title,
        "voa",
        "en",
        at,
        List.of("Panjgur", "attack"),
        "Gunmen attacked a post in Panjgur",
        at);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Test
  void alertReachesTheMailboxWithSubjectLinkMatchedWordsAndItsIdAsMessageId() throws Exception {
    mail = smtpOn(0);
    EmailSender sender =
        new EmailSender(
            settings(mail.getSmtp().getPort()),
            new Backoff(3, Duration.ofMillis(10), Duration.ofMillis(10)),
            Clock.systemUTC());

    SendResult r =
        sender.send(
            "alert-abc123",
            AlertMail.of(
                alert("abc123", "Militants attack border post in Panjgur", Instant.now()),
                "Kech and Panjgur"),
            "amina@example.org");

    assertTrue(r.delivered(), r.attempts().toString());
    MimeMessage[] got = mail.getReceivedMessages();
    assertEquals(1, got.length);
    MimeMessage m = got[0];
    assertEquals(
        "[Newswatch] Kech and Panjgur: Militants attack border post in Panjgur", m.getSubject());
    assertEquals("<alert-abc123@newswatch>", m.getMessageID());
    assertEquals("alert-abc123", m.getHeader(EmailSender.DELIVERY_HEADER, null));
    assertEquals("amina@example.org", m.getAllRecipients()[0].toString());
    assertEquals("alerts@newswatch.test", m.getFrom()[0].toString());
    String body = GreenMailUtil.getBody(m);
    assertTrue(body.contains("https://news.example/abc123"), body);
    assertTrue(body.contains("Matched: Panjgur, attack"), body);
  }

  @Test
  void serverDownAtFirstIsRetriedUntilItIsUp() throws Exception {
    int port = freePort();
    // The first wait between attempts starts the server: the retry then finds it up.
    EmailSender sender =
        new EmailSender(
            settings(port),
            new Backoff(3, Duration.ofMillis(10), Duration.ofMillis(10)),
            Clock.systemUTC(),
            d -> {
              if (mail == null) {
                mail = smtpOn(port);
              }
            });

    SendResult r =
        sender.send("alert-retry", new EmailSender.Mail("Subject", "Body"), "amina@example.org");

    assertTrue(r.delivered(), r.attempts().toString());
    assertEquals(2, r.attempts().size(), r.attempts().toString());
    assertTrue(
        r.attempts().get(0).contains("MailConnectException")
            || r.attempts().get(0).contains("Connect"),
        r.attempts().get(0));
    assertEquals(1, mail.getReceivedMessages().length);
    assertEquals("<alert-retry@newswatch>", mail.getReceivedMessages()[0].getMessageID());
  }

  @Test
  void serverThatStaysDownFailsAfterEveryAttempt() throws Exception {
    int port = freePort();
    EmailSender sender =
        new EmailSender(
            settings(port),
            new Backoff(3, Duration.ofMillis(1), Duration.ofMillis(1)),
            Clock.systemUTC());
    SendResult r =
        sender.send("alert-lost", new EmailSender.Mail("Subject", "Body"), "amina@example.org");
    assertFalse(r.delivered());
    assertEquals(3, r.attempts().size(), r.attempts().toString());
  }

  @Test
  void hourlyDigestArrivesAsOneMessageAndAFailedOneIsDeadLettered() throws Exception {
    mail = smtpOn(0);
    DigestSchedulerTest.HandClock clock =
        new DigestSchedulerTest.HandClock(Instant.parse("2026-11-28T10:20:00Z"));
    AlertStore store = new AlertStore();
    MockProducer<String, byte[]> producer =
        new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    Subscription hourly =
        new Subscription(
            Subscription.SCHEMA,
            "sub-1",
            "an-1",
            "Hourly Panjgur",
            "panjgur",
            null,
            null,
            Subscription.Schedule.hourly,
            List.of(new Subscription.Channel("email", null, null, "amina@example.org")),
            Instant.EPOCH);
    EmailSender up =
        new EmailSender(
            settings(mail.getSmtp().getPort()),
            new Backoff(2, Duration.ofMillis(1), Duration.ofMillis(1)),
            clock);
    DeliveryLog log = new DeliveryLog();
    DigestScheduler digests =
        new DigestScheduler(
            () -> List.of(hourly),
            store,
            null,
            up,
            new DeadLetterWriter(producer, new Topics("t.")),
            log,
            clock,
            dataDir);

    digests.runOnce();
    store.add(alert("a1", "First attack in Panjgur", Instant.parse("2026-11-28T10:25:00Z")));
    store.add(alert("a2", "Second attack in Panjgur", Instant.parse("2026-11-28T10:40:00Z")));
    clock.now = Instant.parse("2026-11-28T11:00:30Z");
    digests.runOnce();
    digests.runOnce();

    MimeMessage[] got = mail.getReceivedMessages();
    assertEquals(1, got.length);
    assertEquals("[Newswatch] hourly digest of Hourly Panjgur: 2 alerts", got[0].getSubject());
    String body = GreenMailUtil.getBody(got[0]);
    assertTrue(
        body.indexOf("First attack in Panjgur") < body.indexOf("Second attack in Panjgur")
            && body.contains("First attack"),
        body);
    assertTrue(got[0].getMessageID().startsWith("<digest-"), got[0].getMessageID());
    assertTrue(log.list(d -> true, 10).get(0).delivered());
    assertTrue(producer.history().isEmpty());

    // The next hour's digest finds the server gone: dead-lettered, and shown as failed.
    mail.stop();
    mail = null;
    store.add(alert("a3", "Third attack in Panjgur", Instant.parse("2026-11-28T11:10:00Z")));
    clock.now = Instant.parse("2026-11-28T12:00:30Z");
    digests.runOnce();
    assertEquals(1, producer.history().size());
    assertEquals(
        "mailto:amina@example.org",
        new String(
            producer.history().get(0).headers().lastHeader(DeadLetterWriter.TARGET_HEADER).value(),
            StandardCharsets.UTF_8));
    DeliveryLog.Delivery failed = log.list(d -> true, 10).get(0);
    assertFalse(failed.delivered());
    assertEquals("email digest", failed.channel());
  }

  private static Settings settings(Map<String, String> vars) {
    return Settings.read(new Env(vars));
  }

  @Test
  void settingsNameTheVariableThatIsWrong() {
    assertEquals(Optional.empty(), SmtpSettings.from(settings(Map.of())));
    IllegalArgumentException noFrom =
        assertThrows(
            IllegalArgumentException.class,
            () -> SmtpSettings.from(settings(Map.of("NEWSWATCH_SMTP_HOST", "smtp.example.org"))));
    assertTrue(noFrom.getMessage().contains("NEWSWATCH_SMTP_FROM"), noFrom.getMessage());
    IllegalArgumentException badPort =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                SmtpSettings.from(
                    settings(
                        Map.of(
                            "NEWSWATCH_SMTP_HOST",
                            "h",
                            "NEWSWATCH_SMTP_FROM",
                            "a@b.org",
                            "NEWSWATCH_SMTP_PORT",
                            "x"))));
    assertTrue(badPort.getMessage().contains("NEWSWATCH_SMTP_PORT"), badPort.getMessage());
    IllegalArgumentException halfLogin =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                SmtpSettings.from(
                    settings(
                        Map.of(
                            "NEWSWATCH_SMTP_HOST",
                            "h",
                            "NEWSWATCH_SMTP_FROM",
                            "a@b.org",
                            "NEWSWATCH_SMTP_USER",
                            "u"))));
    assertTrue(halfLogin.getMessage().contains("NEWSWATCH_SMTP_PASSWORD"), halfLogin.getMessage());
    IllegalArgumentException orphan =
        assertThrows(
            IllegalArgumentException.class,
            () -> SmtpSettings.from(settings(Map.of("NEWSWATCH_SMTP_FROM", "a@b.org"))));
    assertTrue(orphan.getMessage().contains("NEWSWATCH_SMTP_HOST"), orphan.getMessage());
    SmtpSettings ok =
        SmtpSettings.from(
                settings(
                    Map.of(
                        "NEWSWATCH_SMTP_HOST",
                        "smtp.example.org",
                        "NEWSWATCH_SMTP_FROM",
                        "alerts@example.org",
                        "NEWSWATCH_SMTP_USER",
                        "u",
                        "NEWSWATCH_SMTP_PASSWORD",
                        "secret-pw")))
            .orElseThrow();
    assertEquals(587, ok.port());
    assertTrue(ok.startTls());
    assertFalse(ok.toString().contains("secret-pw"));
  }

  @Test
  void aServerThatDripsItsRepliesCannotHoldAnAttemptPastItsLimit() throws Exception {
    // Hostile server: greets, then answers EHLO one byte a second, never finishing the line, so
    // no single read ever times out (each waits under a second). Only the attempt's limit ends it.
    try (ServerSocket server = new ServerSocket(0, 10, java.net.InetAddress.getLoopbackAddress())) {
      Thread drip =
          Thread.ofVirtual()
              .start(
                  () -> {
                    try (java.net.Socket s = server.accept()) {
                      s.getOutputStream()
                          .write("220 drip.test ESMTP\r\n".getBytes(StandardCharsets.US_ASCII));
                      s.getOutputStream().flush();
                      for (int i = 0; i < 600; i++) {
                        Thread.sleep(1_000);
                        s.getOutputStream().write('2');
                        s.getOutputStream().flush();
                      }
                    } catch (IOException | InterruptedException e) {
                      // The sender hung up: what the test wants.
                    }
                  });
      EmailSender sender =
          new EmailSender(
              settings(server.getLocalPort()),
              new Backoff(1, Duration.ZERO, Duration.ZERO),
              Clock.systemUTC(),
              d -> {},
              Duration.ofSeconds(3));
      SendResult r =
          sender.send(
              "alert-drip",
              AlertMail.of(alert("alert-drip", "Drip", Instant.EPOCH), "Drip test"),
              "amina@example.org");
      assertFalse(r.delivered());
      assertTrue(r.lastError().startsWith("no complete SMTP exchange within 3 s"), r.lastError());
      drip.interrupt();
    }
  }
}
