package org.newswatch.alert.match;

import java.time.Clock;
import org.newswatch.alert.TopicWriter;
import org.newswatch.common.kafka.TopicTable;
import org.newswatch.common.model.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the {@link BuiltInTopics} to {@code news.subscriptions}: a topic not there yet, or
 * whose file changed (query, name, languages or owner), is written; one already there with the same
 * definition is left alone, so publishing again is harmless. What analysts may set on a built-in
 * topic (sources, schedule, channels, feed token, alert on each member) is kept.
 */
public final class BuiltInTopicPublisher {
  private static final Logger LOG = LoggerFactory.getLogger(BuiltInTopicPublisher.class);

  private final TopicTable<Subscription> subscriptions;
  private final TopicWriter<Subscription> writer;
  private final Clock clock;

  /** {@code subscriptions} must be read to its end before {@link #publish()}. */
  public BuiltInTopicPublisher(
      TopicTable<Subscription> subscriptions, TopicWriter<Subscription> writer, Clock clock) {
    this.subscriptions = subscriptions;
    this.writer = writer;
    this.clock = clock;
  }

  public void publish() {
    for (Subscription builtIn : BuiltInTopics.subscriptions(clock.instant())) {
      Subscription current = subscriptions.get(builtIn.id()).orElse(null);
      if (current != null
          && current.query().equals(builtIn.query())
          && current.name().equals(builtIn.name())
          && current.languages().equals(builtIn.languages())
          && current.owner().equals(builtIn.owner())) {
        continue;
      }
      Subscription s =
          current == null
              ? builtIn
              : new Subscription(
                  Subscription.SCHEMA,
                  builtIn.id(),
                  builtIn.owner(),
                  builtIn.name(),
                  builtIn.query(),
                  builtIn.languages(),
                  current.sources(),
                  current.schedule(),
                  current.channels(),
                  current.createdAt(),
                  current.feedToken(),
                  current.alertEachMember());
      writer.write(s.id(), s);
      LOG.info("published built-in topic {}", s.id());
    }
  }
}
