package org.newswatch.alert;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.newswatch.common.testing.KafkaBroker;
import org.newswatch.common.testing.KafkaBrokerExtension;

@ExtendWith(KafkaBrokerExtension.class)
class FeedAndStreamTest {
  @TempDir Path dataDir;
  private ServiceFixture fx;

  @AfterEach
  void stop() {
    if (fx != null) {
      fx.close();
    }
  }

  @Test
  void atomFeedOfASubscriptionIsReadBackByRome(KafkaBroker broker) throws Exception {
    fx = new ServiceFixture(broker, dataDir).start();
    String key = fx.newAnalyst("Reader");
    String other = fx.newAnalyst("Other");
    Api.Answer created =
        fx.api.post("/api/subscriptions", key, Map.of("name", "Panjgur", "query", "panjgur"));
    String id = created.json().get("id").asText();
    String token = created.json().get("feedToken").asText();
    fx.publish(TestArticles.BORDER_ATTACK_EN, TestArticles.CRICKET_QUETTA);
    fx.awaitAllConsumed();

    Api.Answer atom = fx.api.get("/api/subscriptions/" + id + "/alerts.atom?token=" + token, null);
    assertEquals(200, atom.status(), atom.body());
    assertTrue(atom.contentType().startsWith("application/atom+xml"), atom.contentType());
    SyndFeed feed = new SyndFeedInput().build(new StringReader(atom.body()));
    assertEquals("atom_1.0", feed.getFeedType());
    assertEquals("Newswatch alerts: Panjgur", feed.getTitle());
    assertEquals(1, feed.getEntries().size());
    assertEquals(TestArticles.BORDER_ATTACK_EN.url(), feed.getEntries().get(0).getLink());
    assertEquals(TestArticles.BORDER_ATTACK_EN.title(), feed.getEntries().get(0).getTitle());
    assertTrue(feed.getEntries().get(0).getUri().startsWith("urn:newswatch:alert:"));
    String summary = feed.getEntries().get(0).getDescription().getValue();
    assertTrue(summary.contains("\nWhy: panjgur\n"), summary);

    assertEquals(401, fx.api.get("/api/subscriptions/" + id + "/alerts.atom", null).status());
    assertEquals(404, fx.api.get("/api/subscriptions/" + id + "/alerts.atom", other).status());
    // The token parameter is for feeds only.
    assertEquals(401, fx.api.get("/api/alerts?token=" + token, null).status());
  }

  @Test
  void liveStreamSendsNewAlertsToTheirOwnerOnly(KafkaBroker broker) {
    fx = new ServiceFixture(broker, dataDir).start();
    String key = fx.newAnalyst("Live");
    String other = fx.newAnalyst("Elsewhere");
    String id =
        fx.api
            .post("/api/subscriptions", key, Map.of("name", "Kech", "query", "panjgur"))
            .json()
            .get("id")
            .asText();
    fx.api.post("/api/subscriptions", other, Map.of("name", "Urdu", "query", "حملہ"));

    List<String> mine = new CopyOnWriteArrayList<>();
    List<String> theirs = new CopyOnWriteArrayList<>();
    CompletableFuture<?> a = listen(key, mine);
    CompletableFuture<?> b = listen(other, theirs);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> mine.contains(": connected") && theirs.contains(": connected"));

    fx.publish(TestArticles.BORDER_ATTACK_EN);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> mine.stream().anyMatch(l -> l.startsWith("data:") && l.contains(id)));
    assertTrue(mine.contains("event: alert"), mine.toString());
    String event = mine.stream().filter(l -> l.startsWith("data:")).findFirst().orElseThrow();
    assertTrue(
        event.contains("\"explanation\":{\"words\":[{\"text\":\"Panjgur\",\"where\":\"title\""),
        event);
    fx.publish(TestArticles.BORDER_ATTACK_UR);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> theirs.stream().anyMatch(l -> l.startsWith("data:")));
    fx.awaitAllConsumed();
    // Each analyst saw only their own alert.
    assertEquals(1, mine.stream().filter(l -> l.startsWith("data:")).count(), mine.toString());
    assertTrue(
        theirs.stream().filter(l -> l.startsWith("data:")).noneMatch(l -> l.contains(id)),
        theirs.toString());
    a.cancel(true);
    b.cancel(true);
  }

  private CompletableFuture<?> listen(String key, List<String> lines) {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + fx.service.port() + "/api/alerts/stream"))
            .header("Authorization", "Bearer " + key)
            .header("Accept", "text/event-stream")
            .build();
    return HttpClient.newHttpClient()
        .sendAsync(request, HttpResponse.BodyHandlers.ofLines())
        .thenAccept(
            r -> {
              try (Stream<String> s = r.body()) {
                s.forEach(lines::add);
              }
            });
  }
}
