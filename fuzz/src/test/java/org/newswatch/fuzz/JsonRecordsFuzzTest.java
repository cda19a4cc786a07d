package org.newswatch.fuzz;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.extension.ExtendWith;
import org.newswatch.alert.match.SubscriptionQuery;
import org.newswatch.common.Json;
import org.newswatch.common.kafka.JsonSerde;
import org.newswatch.common.kafka.Topic;
import org.newswatch.common.kafka.Topics;
import org.newswatch.common.model.Subscription;

/**
 * Fuzzes the JSON the services accept: records read from the topics with {@link JsonSerde#decode}
 * (Feed, Article, Subscription, Analyst, Alert, Feedback) and API bodies read with {@link
 * Json#fromString}, then a subscription's query as the subscriptions API checks it ({@link
 * SubscriptionQuery}). The documented outcomes are a record or an {@link IllegalArgumentException}
 * (dead letter on a topic, 400 on the API); anything else would stop a consumer loop or answer 500.
 */
@ExtendWith(FuzzSummary.class)
class JsonRecordsFuzzTest {
  private static final Topics TOPICS = Topics.standard();

  @FuzzTest(maxDuration = "12s")
  void decode(FuzzedDataProvider data) {
    FuzzSummary.executed();
    int kind = data.consumeInt(0, 7);
    byte[] json = data.consumeRemainingAsBytes();
    try {
      Object value =
          switch (kind) {
            case 0 -> decode(TOPICS.feeds(), json);
            case 1 -> decode(TOPICS.articles(), json);
            case 2 -> decode(TOPICS.analysts(), json);
            case 3 -> decode(TOPICS.alerts(), json);
            // An API body arrives as text (Javalin's ctx.body()), a topic record as bytes.
            case 4 ->
                checked(
                    Json.fromString(new String(json, StandardCharsets.UTF_8), Subscription.class));
            case 5 -> decode(TOPICS.stories(), json);
            case 6 -> decode(TOPICS.feedback(), json);
            default -> checked(decode(TOPICS.subscriptions(), json));
          };
      assertNotNull(value);
    } catch (IllegalArgumentException refused) {
      // Dead-lettered (topics) or a 400 saying what is wrong (API).
    }
  }

  /**
   * A record with a value never decodes to null: consumers take null for a tombstone (a record
   * without a value) or dereference it. The JSON literal {@code null} did, until fuzzing found it.
   */
  private static <V> Object decode(Topic<V> topic, byte[] json) {
    V value = JsonSerde.decode(topic, json);
    assertNotNull(value, "a record with a value decoded to null");
    return value;
  }

  /**
   * What the subscriptions API and the alert matcher do next with a subscription: parse its query.
   */
  private static Object checked(Object value) {
    assertNotNull(value, "a body decoded to null");
    if (value instanceof Subscription s) {
      assertNotNull(SubscriptionQuery.parse(s.query()));
      SubscriptionQuery.threshold(s.query());
    }
    return value;
  }
}
