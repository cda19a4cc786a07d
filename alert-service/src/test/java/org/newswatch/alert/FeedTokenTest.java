package org.newswatch.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.newswatch.common.testing.KafkaBroker;
import org.newswatch.common.testing.KafkaBrokerExtension;
import org.newswatch.common.web.Problem;

/**
 * Issue 11 item 6: an Atom feed is read with a token for that one feed, never with an API key, and
 * no key or token is echoed into the feed.
 */
@ExtendWith(KafkaBrokerExtension.class)
class FeedTokenTest {
  @TempDir Path dataDir;
  private ServiceFixture fx;

  @AfterEach
  void stop() {
    if (fx != null) {
      fx.close();
    }
  }

  @Test
  void aFeedTokenReadsItsOwnFeedOnlyAndRotatingRevokesIt(KafkaBroker broker) {
    fx = new ServiceFixture(broker, dataDir).start();
    String key = fx.newAnalyst("Reader");
    Api.Answer created =
        fx.api.post("/api/subscriptions", key, Map.of("name", "Panjgur", "query", "panjgur"));
    String id = created.json().get("id").asText();
    String token = created.json().path("feedToken").asText();
    String otherId =
        fx.api
            .post("/api/subscriptions", key, Map.of("name", "Kech", "query", "kech"))
            .json()
            .get("id")
            .asText();
    assertTrue(token.startsWith("nwf_"), created.body());
    assertFalse(token.contains(key));

    assertEquals(200, fx.api.get(feed(id) + "?token=" + token, null).status());
    // The token of one feed opens neither another feed of the same analyst nor the API.
    assertEquals(404, fx.api.get(feed(otherId) + "?token=" + token, null).status());
    assertEquals(401, fx.api.get("/api/alerts?token=" + token, null).status());
    assertEquals(401, fx.api.get("/api/subscriptions", token).status());

    Api.Answer rotated = fx.api.post("/api/subscriptions/" + id + "/feed-token", key, Map.of());
    assertEquals(200, rotated.status(), rotated.body());
    String fresh = rotated.json().get("feedToken").asText();
    assertNotEquals(token, fresh);
    assertEquals(
        404, fx.api.get(feed(id) + "?token=" + token, null).status(), "a rotated token is refused");
    assertEquals(200, fx.api.get(feed(id) + "?token=" + fresh, null).status());
    // The owner still reads the feed with the key in the header, where it belongs.
    assertEquals(200, fx.api.get(feed(id), key).status());
  }

  @Test
  void anApiKeyInTheUrlIsRefusedWithAProblem(KafkaBroker broker) {
    fx = new ServiceFixture(broker, dataDir).start();
    String key = fx.newAnalyst("Careless");
    String id =
        fx.api
            .post("/api/subscriptions", key, Map.of("name", "Panjgur", "query", "panjgur"))
            .json()
            .get("id")
            .asText();
    // Hostile or careless: the analyst's key, the admin's key, and the same with the name
    // percent-encoded.
    for (String query :
        new String[] {
          "?token=" + key,
          "?token=" + ServiceFixture.ADMIN,
          "?%74oken=" + key,
          "?%74oken=" + ServiceFixture.ADMIN,
          "?token=nwf_x&%74oken=" + key
        }) {
      Api.Answer a = fx.api.get(feed(id) + query, null);
      assertEquals(401, a.status(), query + ": " + a.body());
      assertEquals(Problem.CONTENT_TYPE, a.contentType());
      assertTrue(a.json().get("detail").asText().contains("feed token"), a.body());
      assertFalse(a.body().contains(key) || a.body().contains(ServiceFixture.ADMIN), a.body());
    }
  }

  @Test
  void theFeedNeverEchoesAKeyOrTokenWhateverTheParameterSpelling(KafkaBroker broker) {
    fx = new ServiceFixture(broker, dataDir).start();
    String key = fx.newAnalyst("Reader");
    Api.Answer created =
        fx.api.post("/api/subscriptions", key, Map.of("name", "Panjgur", "query", "panjgur"));
    String id = created.json().get("id").asText();
    String token = created.json().get("feedToken").asText();
    // Hostile spellings of the parameter: percent-encoded name, repeated, and the key riding along.
    for (String query :
        new String[] {
          "?token=" + token,
          "?%74oken=" + token,
          "?%74%6F%6B%65%6E=" + token,
          "?token=" + token + "&x=" + key,
          "?TOKEN=" + key + "&token=" + token
        }) {
      Api.Answer a = fx.api.get(feed(id) + query, null);
      assertEquals(200, a.status(), query + ": " + a.body());
      assertFalse(a.body().contains(token), query + " echoed the feed token: " + a.body());
      assertFalse(a.body().contains(key), query + " echoed the API key: " + a.body());
      assertFalse(a.body().contains("oken"), query + " echoed the parameter: " + a.body());
    }
    Api.Answer withKey = fx.api.get(feed(id) + "?x=" + key, key);
    assertEquals(200, withKey.status());
    assertFalse(withKey.body().contains(key), withKey.body());
  }

  private static String feed(String id) {
    return "/api/subscriptions/" + id + "/alerts.atom";
  }
}
