package org.newswatch.ingest.publish;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.newswatch.common.Json;
import org.newswatch.common.kafka.Topic;
import org.newswatch.common.model.Article;

/**
 * Publishes articles to {@code news.articles}, keyed by article id, and waits for the broker's
 * acknowledgement so the caller can record the publication only once it is durable. The producer
 * is the idempotent, {@code acks=all} one of {@code KafkaSettings.producer}.
 */
public final class ArticlePublisher {
  private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

  private final Producer<String, byte[]> producer;
  private final Topic<Article> topic;
  private volatile String lastFailure;

  public ArticlePublisher(Producer<String, byte[]> producer, Topic<Article> topic) {
    this.producer = producer;
    this.topic = topic;
  }

  /** Thrown when Kafka did not acknowledge an article; the item is left unrecorded and retried next poll. */
  public static final class PublishException extends Exception {
    private static final long serialVersionUID = 1L;

    PublishException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** Sends and waits for the acknowledgement. */
  public RecordMetadata publish(Article article) throws PublishException, InterruptedException {
    try {
      RecordMetadata meta =
          producer.send(new ProducerRecord<>(topic.name(), article.id(), Json.toBytes(article)))
              .get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      lastFailure = null;
      return meta;
    } catch (ExecutionException | TimeoutException | org.apache.kafka.common.KafkaException e) {
      Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
      lastFailure = cause.toString();
      throw new PublishException("Kafka did not acknowledge article " + article.id() + ": " + cause.getMessage(), cause);
    }
  }

  /** Why the last publication failed, or null when the last one succeeded. */
  public String lastFailure() {
    return lastFailure;
  }
}
