package org.newswatch.alert.deliver;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.newswatch.alert.emit.AlertEmitter;
import org.newswatch.common.kafka.DeadLetterHeaders;
import org.newswatch.common.kafka.RecordOrigin;
import org.newswatch.common.kafka.Topics;

/** Records a delivery that failed for good on {@code news.deadletter}: the payload, why, and where it was going. */
public final class DeadLetterWriter {
  public static final String TARGET_HEADER = DeadLetterHeaders.DELIVERY_TARGET;

  private final Producer<String, byte[]> producer;
  private final Topics topics;

  public DeadLetterWriter(Producer<String, byte[]> producer, Topics topics) {
    this.producer = producer;
    this.topics = topics;
  }

  /**
   * Waits for the broker's acknowledgement: callers commit progress right after.
   *
   * @param origin the alert record whose delivery failed, or null for a digest (made, not read)
   */
  public void write(String key, byte[] payload, String error, RecordOrigin origin, String target) {
    RecordHeaders h = new RecordHeaders();
    h.add(AlertEmitter.ERROR_HEADER, utf8(error));
    if (origin != null) {
      origin.addTo(h);
    }
    h.add(AlertEmitter.SERVICE_HEADER, utf8("alert-service"));
    h.add(TARGET_HEADER, utf8(target));
    try {
      producer.send(new ProducerRecord<>(topics.deadLetter().name(), null, key, payload, h)).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while dead-lettering " + key, e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot dead-letter failed delivery " + key, e.getCause());
    }
  }

  private static byte[] utf8(String s) {
    return (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
  }
}
