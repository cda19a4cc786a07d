package org.newswatch.alert.deliver;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.newswatch.common.kafka.DeadLetter;
import org.newswatch.common.kafka.DeadLetterHeaders;
import org.newswatch.common.kafka.RecordOrigin;
import org.newswatch.common.kafka.Topics;

/**
 * Records a delivery that failed for good on {@code news.deadletter}: a {@link DeadLetter} (the
 * payload, why, where it was read) plus where it was going. Written from the dispatcher's and the
 * digest scheduler's threads, away from any consumer loop, so it waits for the acknowledgement
 * itself; an alert record that cannot be read at all is the {@link DeliveryLoop}'s dead letter.
 */
public final class DeadLetterWriter {
  public static final String TARGET_HEADER = DeadLetterHeaders.DELIVERY_TARGET;
  static final String SERVICE = "alert-service";

  private final Producer<String, byte[]> producer;
  private final Topics topics;

  public DeadLetterWriter(Producer<String, byte[]> producer, Topics topics) {
    this.producer = producer;
    this.topics = topics;
  }

  /**
   * Waits for the broker's acknowledgement: callers count the delivery as done right after.
   *
   * @param origin the alert record whose delivery failed, or null for a digest (made, not read)
   * @param target the webhook URL or {@code mailto:} address the delivery was going to
   */
  public void write(String key, byte[] payload, String error, RecordOrigin origin, String target) {
    ProducerRecord<String, byte[]> record =
        new DeadLetter(key, payload, origin, error, null, SERVICE).toRecord(topics.deadLetter());
    record
        .headers()
        .add(TARGET_HEADER, (target == null ? "" : target).getBytes(StandardCharsets.UTF_8));
    try {
      producer.send(record).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while dead-lettering " + key, e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot dead-letter failed delivery " + key, e.getCause());
    }
  }
}
