package org.newswatch.common.kafka;

import java.util.List;
import org.newswatch.common.model.Alert;
import org.newswatch.common.model.Analyst;
import org.newswatch.common.model.Article;
import org.newswatch.common.model.Feed;
import org.newswatch.common.model.Feedback;
import org.newswatch.common.model.Story;
import org.newswatch.common.model.Subscription;

/**
 * The catalogue of Newswatch topics: the only place that spells a topic name. A prefix lets tests
 * (and several deployments on one cluster) use topics of their own.
 */
public record Topics(String prefix) {

  public Topics {
    prefix = prefix == null ? "" : prefix;
  }

  /** The production names, {@code news.*}. */
  public static Topics standard() {
    return new Topics("");
  }

  /** Feed definitions by feed id; compacted; partitions spread feeds over ingest instances. */
  public Topic<Feed> feeds() {
    return new Topic<>(prefix + "news.feeds", Feed.class, 6, true);
  }

  /**
   * The backbone: articles by article id. Compacted, not deleted after a week: the latest version
   * of every article stays, so a new index replica (or one restored from an old backup) can be
   * built from the topic alone, for years of coverage.
   */
  public Topic<Article> articles() {
    return new Topic<>(prefix + "news.articles", Article.class, 6, true);
  }

  /**
   * Articles as ingest instances extracted them, by article id, before a story is decided: the
   * story linker (one at a time, in whichever ingest instance holds the partition) reads them in
   * order and writes each to {@link #articles()} with its story. ONE partition by design: one
   * linker sees every article in one order, so two instances never give one event two ids. Not
   * compacted: a queue, read within seconds; kept {@link Topic#DELETE_AFTER} for a linker that is
   * away.
   */
  public Topic<Article> intake() {
    return new Topic<>(prefix + "news.intake", Article.class, 1, false);
  }

  /**
   * Stories by story id (the latest version of each): members with language and outlet, languages,
   * places, first and last seen. Compacted; written by the story linker with the articles it joins.
   */
  public Topic<Story> stories() {
    return new Topic<>(prefix + "news.stories", Story.class, 1, true);
  }

  /** Subscriptions by id; compacted; every alert instance reads all of it. */
  public Topic<Subscription> subscriptions() {
    return new Topic<>(prefix + "news.subscriptions", Subscription.class, 1, true);
  }

  /**
   * Alerts by alert id (deterministic from subscription and story). Compacted: the alert-service
   * rebuilds its alert history from this topic at start, so it must not expire.
   */
  public Topic<Alert> alerts() {
    return new Topic<>(prefix + "news.alerts", Alert.class, 6, true);
  }

  /**
   * Analysts and the hashes of their keys; compacted; every service reads all of it to check keys.
   */
  public Topic<Analyst> analysts() {
    return new Topic<>(prefix + "news.analysts", Analyst.class, 1, true);
  }

  /**
   * Analysts' judgements of alerts by alert id (latest wins); compacted; every alert instance reads
   * all of it, for the precision of each subscription.
   */
  public Topic<Feedback> feedback() {
    return new Topic<>(prefix + "news.feedback", Feedback.class, 1, true);
  }

  /** What could not be processed: the original key and bytes, with error headers; kept 30 days. */
  public Topic<byte[]> deadLetter() {
    return new Topic<>(prefix + "news.deadletter", byte[].class, 1, false);
  }

  /**
   * The dead-letter topic beside {@code topic} (same prefix), for a reader handed one topic alone.
   *
   * @throws IllegalArgumentException when {@code topic} is not named by any catalogue
   */
  public static Topic<byte[]> deadLetterBeside(Topic<?> topic) {
    for (Topic<?> known : standard().all()) {
      if (topic.name().endsWith(known.name())) {
        return new Topics(topic.name().substring(0, topic.name().length() - known.name().length()))
            .deadLetter();
      }
    }
    throw new IllegalArgumentException(topic.name() + " is not a Newswatch topic");
  }

  public List<Topic<?>> all() {
    return List.of(
        feeds(),
        intake(),
        articles(),
        stories(),
        subscriptions(),
        alerts(),
        analysts(),
        feedback(),
        deadLetter());
  }
}
