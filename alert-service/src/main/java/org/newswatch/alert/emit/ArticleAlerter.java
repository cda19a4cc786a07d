package org.newswatch.alert.emit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.newswatch.alert.match.AlertMatcher;
import org.newswatch.alert.match.Match;
import org.newswatch.common.Hashes;
import org.newswatch.common.Json;
import org.newswatch.common.kafka.RecordOrigin;
import org.newswatch.common.model.Alert;
import org.newswatch.common.model.Article;

/**
 * Turns a batch of raw article records into what must be written: alerts, once per subscription and
 * story, and dead letters for records that cannot be read. No Kafka types here: the consumer loop
 * ({@link AlertEmitter}) feeds it and writes the result in one transaction.
 */
public final class ArticleAlerter {
  private final AlertMatcher matcher;
  private final Predicate<String> alreadyAlerted;
  private final Clock clock;
  private final Counter articles;
  private final Counter articlesMatched;
  private final Counter duplicates;
  private final Timer matchTime;

  /** An article record as read: key, raw value, and where it was read from (for dead letters). */
  public record Raw(String key, byte[] value, RecordOrigin origin) {}

  /** What a batch produces. */
  public sealed interface Output permits Emit, DeadLetter {}

  /**
   * An alert to commit; {@code fetchedAt} is when ingest fetched the article, for the latency
   * meter.
   */
  public record Emit(Alert alert, Instant fetchedAt) implements Output {}

  public record DeadLetter(
      String key, byte[] value, RecordOrigin origin, String error, String errorClass)
      implements Output {}

  /**
   * @param alreadyAlerted true for alert ids already committed to {@code news.alerts}
   */
  public ArticleAlerter(
      AlertMatcher matcher, Predicate<String> alreadyAlerted, Clock clock, MeterRegistry meters) {
    this.matcher = matcher;
    this.alreadyAlerted = alreadyAlerted;
    this.clock = clock;
    this.articles =
        Counter.builder("newswatch.alert.articles").description("articles read").register(meters);
    this.articlesMatched =
        Counter.builder("newswatch.alert.articles.matched")
            .description("articles that fired at least one subscription")
            .register(meters);
    this.duplicates =
        Counter.builder("newswatch.alert.duplicates")
            .description("alerts not emitted again: same subscription and story")
            .register(meters);
    this.matchTime =
        Timer.builder("newswatch.alert.match.latency")
            .description("time to match one article against every subscription")
            .publishPercentiles(0.5, 0.99)
            .register(meters);
  }

  /** The deterministic alert id: the same subscription and story always give the same id. */
  public static String alertId(String subscriptionId, String storyId) {
    return Hashes.id("alert", subscriptionId, storyId);
  }

  /**
   * The alert id of one member of a story, for a subscription that alerts on each member ({@link
   * org.newswatch.common.model.Subscription#alertEachMember()}): an update of the article keeps it.
   */
  public static String memberAlertId(String subscriptionId, String storyId, String articleId) {
    return Hashes.id("alert", subscriptionId, storyId, articleId);
  }

  public List<Output> process(List<Raw> batch) {
    List<Output> out = new ArrayList<>();
    // Ids emitted earlier in this batch: not committed yet, so not in alreadyAlerted.
    Set<String> inBatch = new HashSet<>();
    for (Raw raw : batch) {
      Article article;
      try {
        if (raw.value() == null) {
          throw new IllegalArgumentException("record has no value");
        }
        article = Json.fromBytes(raw.value(), Article.class);
      } catch (IllegalArgumentException e) {
        out.add(
            new DeadLetter(
                raw.key(), raw.value(), raw.origin(), e.getMessage(), e.getClass().getName()));
        continue;
      }
      articles.increment();
      List<Match> matches = matchTime.record(() -> matcher.match(article));
      if (!matches.isEmpty()) {
        articlesMatched.increment();
      }
      for (Match m : matches) {
        // Once per story (a later member is listed under the first one's alert, not alerted), or
        // once per member when the subscription asks for it.
        String id =
            m.subscription().alertEachMember()
                ? memberAlertId(m.subscription().id(), article.storyId(), article.id())
                : alertId(m.subscription().id(), article.storyId());
        if (alreadyAlerted.test(id) || !inBatch.add(id)) {
          duplicates.increment();
          continue;
        }
        out.add(new Emit(toAlert(id, m, article), article.fetchedAt()));
      }
    }
    return out;
  }

  private Alert toAlert(String id, Match m, Article a) {
    return new Alert(
        Alert.SCHEMA,
        id,
        m.subscription().id(),
        m.subscription().owner(),
        a.id(),
        a.storyId(),
        a.url(),
        a.title(),
        a.source(),
        a.language(),
        a.effectiveTime(),
        m.matched(),
        m.snippet(),
        clock.instant(),
        m.explanation());
  }
}
