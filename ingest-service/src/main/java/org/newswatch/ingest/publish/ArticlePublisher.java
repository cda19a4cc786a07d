package org.newswatch.ingest.publish;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.newswatch.common.Json;
import org.newswatch.common.kafka.Topic;
import org.newswatch.common.model.Article;

/**
 * Publishes articles to their topic ({@code news.intake} in the service, for the story linker),
 * keyed by article id, and waits for the broker's acknowledgement so the caller can record the
 * publication only once it is durable. The producer is the idempotent, {@code acks=all} one of
 * {@code KafkaSettings.producer}.
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

  /**
   * Thrown when Kafka did not acknowledge an article; the item is left unrecorded and retried next
   * poll.
   */
  public static final class PublishException extends Exception {
    private static final long serialVersionUID = 1L;

    PublishException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Thrown when this one record can never be taken (too large for the producer or the broker): the
   * item fails with this reason and the feed's other items go on. Kafka itself is fine, so this
   * does not count against the service's health.
   */
  public static final class RefusedException extends Exception {
    private static final long serialVersionUID = 1L;

    RefusedException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** Sends and waits for the acknowledgement. */
  public RecordMetadata publish(Article article)
      throws PublishException, RefusedException, InterruptedException {
    byte[] value = Json.toBytes(article);
    if (value.length > ArticleCaps.MAX_RECORD_BYTES) {
      throw new RefusedException(
          "article "
              + article.id()
              + " is "
              + value.length
              + " bytes of JSON, over the cap of "
              + ArticleCaps.MAX_RECORD_BYTES,
          null);
    }
    try {
      RecordMetadata meta =
          producer
              .send(new ProducerRecord<>(topic.name(), article.id(), value))
              .get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      lastFailure = null;
      return meta;
    } catch (ExecutionException | TimeoutException | org.apache.kafka.common.KafkaException e) {
      Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
      if (cause instanceof RecordTooLargeException
          || cause instanceof RecordBatchTooLargeException) {
        throw new RefusedException(
            "Kafka refused article "
                + article.id()
                + " ("
                + value.length
                + " bytes): "
                + cause.getMessage(),
            cause);
      }
      lastFailure = cause.toString();
      throw new PublishException(
          "Kafka did not acknowledge article " + article.id() + ": " + cause.getMessage(), cause);
    }
  }

  /** Why the last publication failed, or null when the last one succeeded. */
  public String lastFailure() {
    return lastFailure;
  }
}
