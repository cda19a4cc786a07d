package org.newswatch.common.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Where a dead-lettered record was read, written the same way by every service as the three {@code
 * newswatch.original.*} headers, so that one tool can find (or replay) the original.
 */
public record RecordOrigin(String topic, int partition, long offset) {

  public static RecordOrigin of(ConsumerRecord<?, ?> record) {
    return new RecordOrigin(record.topic(), record.partition(), record.offset());
  }

  public void addTo(Headers headers) {
    headers.add(DeadLetterHeaders.ORIGINAL_TOPIC, utf8(topic));
    headers.add(DeadLetterHeaders.ORIGINAL_PARTITION, utf8(Integer.toString(partition)));
    headers.add(DeadLetterHeaders.ORIGINAL_OFFSET, utf8(Long.toString(offset)));
  }

  /** The origin named by a dead letter's headers, if it came from a record (a digest did not). */
  public static Optional<RecordOrigin> from(Headers headers) {
    String topic = text(headers.lastHeader(DeadLetterHeaders.ORIGINAL_TOPIC));
    String partition = text(headers.lastHeader(DeadLetterHeaders.ORIGINAL_PARTITION));
    String offset = text(headers.lastHeader(DeadLetterHeaders.ORIGINAL_OFFSET));
    if (topic == null || partition == null || offset == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new RecordOrigin(topic, Integer.parseInt(partition), Long.parseLong(offset)));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  @Override
  public String toString() {
    return topic + "/" + partition + "@" + offset;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(Header h) {
    return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}
