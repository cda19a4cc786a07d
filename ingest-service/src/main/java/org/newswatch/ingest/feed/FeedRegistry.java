package org.newswatch.ingest.feed;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.newswatch.common.Json;
import org.newswatch.common.kafka.Topic;
import org.newswatch.common.kafka.TopicTable;
import org.newswatch.common.model.Feed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The feed definitions, with the compacted {@code news.feeds} topic as the source of truth (key =
 * feed id, a null value removes the feed). Every instance reads all of it, for the API; which
 * instance polls which feed is decided elsewhere. Writes wait for Kafka's acknowledgement.
 */
public final class FeedRegistry implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FeedRegistry.class);
  private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);

  private final TopicTable<Feed> table;
  private final Producer<String, byte[]> producer;
  private final Topic<Feed> topic;

  public FeedRegistry(
      String bootstrap, Topic<Feed> topic, Producer<String, byte[]> producer, String clientId) {
    this.topic = topic;
    this.producer = producer;
    this.table = new TopicTable<>(bootstrap, topic, clientId);
  }

  /**
   * Calls the listener for every feed added, changed (value) or removed (null); before {@link
   * #start}.
   */
  public FeedRegistry onChange(BiConsumer<String, Feed> listener) {
    table.onChange(listener);
    return this;
  }

  public FeedRegistry start() {
    table.start();
    return this;
  }

  public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
    return table.awaitCaughtUp(timeout);
  }

  public boolean isCaughtUp() {
    return table.isCaughtUp();
  }

  public Optional<Throwable> failure() {
    return table.failure();
  }

  public Map<String, Feed> all() {
    return table.snapshot();
  }

  public Optional<Feed> get(String id) {
    return table.get(id);
  }

  /**
   * Seeds the topic from the feeds file: a feed missing from the topic, or defined differently
   * there, is written. A feed removed through the API but still in the file comes back at the next
   * start: the file is the operator's declaration of what to watch.
   */
  public int seed(List<Feed> feeds) {
    // Sent together and waited for once: one by one, 10,000 feeds took a minute of a first start.
    Map<String, Future<RecordMetadata>> sent = new LinkedHashMap<>();
    for (Feed feed : feeds) {
      if (!feed.equals(table.get(feed.id()).orElse(null))) {
        sent.put(
            feed.id(),
            producer.send(new ProducerRecord<>(topic.name(), feed.id(), Json.toBytes(feed))));
      }
    }
    producer.flush();
    for (Map.Entry<String, Future<RecordMetadata>> e : sent.entrySet()) {
      await(e.getKey(), e.getValue());
    }
    int written = sent.size();
    if (written > 0) {
      LOG.info("seeded {} feeds from the feeds file into {}", written, topic.name());
    }
    return written;
  }

  public void put(Feed feed) {
    write(feed.id(), Json.toBytes(feed));
  }

  public void remove(String id) {
    write(id, null);
  }

  private void write(String key, byte[] value) {
    await(key, producer.send(new ProducerRecord<>(topic.name(), key, value)));
  }

  private static void await(String key, Future<RecordMetadata> sent) {
    try {
      sent.get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing feed " + key, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Kafka did not take feed " + key + ": " + e, e);
    }
  }

  @Override
  public void close() {
    table.close();
  }
}
