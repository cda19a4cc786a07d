package org.newswatch.alert;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.newswatch.common.Json;
import org.newswatch.common.kafka.Topic;
import org.newswatch.common.kafka.TopicTable;

/**
 * Writes an entity to its compacted topic and waits until this service's own {@link TopicTable} of
 * that topic shows it, so that a client reading right after a write sees what it wrote.
 */
public final class TopicWriter<V> {
  private final Producer<String, byte[]> producer;
  private final Topic<V> topic;
  private final TopicTable<V> table;
  private final Duration timeout;
  private final Map<String, Waiter<V>> waiting = new ConcurrentHashMap<>();

  private record Waiter<V>(V expected, CompletableFuture<Void> done) {}

  public TopicWriter(
      Producer<String, byte[]> producer, Topic<V> topic, TopicTable<V> table, Duration timeout) {
    this.producer = producer;
    this.topic = topic;
    this.table = table;
    this.timeout = timeout;
    table.onChange(this::changed);
  }

  private void changed(String key, V value) {
    Waiter<V> w = waiting.get(key);
    if (w != null && Objects.equals(w.expected(), value)) {
      w.done().complete(null);
    }
  }

  /** Publishes {@code value} (null removes the key) and returns once the table holds it. */
  public synchronized void write(String key, V value) {
    // Synchronized: writes are rare (API calls) and one at a time keeps one waiter per key.
    CompletableFuture<Void> done = new CompletableFuture<>();
    waiting.put(key, new Waiter<>(value, done));
    try {
      producer
          .send(new ProducerRecord<>(topic.name(), key, value == null ? null : Json.toBytes(value)))
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (Objects.equals(table.get(key).orElse(null), value)) {
        return;
      }
      done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "cannot write " + key + " to " + topic.name() + ": " + e.getCause().getMessage(),
          e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "writing " + key + " to " + topic.name() + " was not confirmed within " + timeout, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing " + key, e);
    } finally {
      waiting.remove(key);
    }
  }
}
