package org.newswatch.common.kafka;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * A record that could not be processed, as it goes to {@code news.deadletter}: the original key and
 * bytes untouched, with the {@link DeadLetterHeaders} saying what was wrong, which service said so,
 * and ({@link RecordOrigin}) where the record was read. The one way every service builds a dead
 * letter, so that one tool can read (and replay) them all.
 *
 * @param origin where the record was read; null for what was not read from a topic (a digest)
 * @param errorClass the exception behind the error, or null
 */
public record DeadLetter(
    String key,
    byte[] value,
    RecordOrigin origin,
    String error,
    String errorClass,
    String service) {

  /** The dead letter of a record read from {@code news.*}, for this failure. */
  public static DeadLetter of(
      ConsumerRecord<String, byte[]> record, Throwable failure, String service) {
    return new DeadLetter(
        record.key(),
        record.value(),
        RecordOrigin.of(record),
        describe(failure),
        failure.getClass().getName(),
        service);
  }

  /**
   * The dead letter of a record read from {@code news.*}, for a reason that is not an exception.
   */
  public static DeadLetter of(ConsumerRecord<String, byte[]> record, String error, String service) {
    return new DeadLetter(
        record.key(), record.value(), RecordOrigin.of(record), error, null, service);
  }

  /** The failure's own words, or its class when it has none (a bare NullPointerException). */
  public static String describe(Throwable failure) {
    return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
  }

  /** The record to write to the dead-letter topic. */
  public ProducerRecord<String, byte[]> toRecord(Topic<byte[]> deadLetterTopic) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(DeadLetterHeaders.ERROR, utf8(error));
    if (errorClass != null) {
      headers.add(DeadLetterHeaders.ERROR_CLASS, utf8(errorClass));
    }
    headers.add(DeadLetterHeaders.SERVICE, utf8(service));
    if (origin != null) {
      origin.addTo(headers);
    }
    return new ProducerRecord<>(deadLetterTopic.name(), null, key, value, headers);
  }

  @Override
  public String toString() {
    return "dead letter of "
        + (origin == null ? "key " + key : origin.toString())
        + " from "
        + service
        + ": "
        + error;
  }

  private static byte[] utf8(String s) {
    return (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
  }
}
