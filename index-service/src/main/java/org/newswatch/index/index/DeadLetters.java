package org.newswatch.index.index;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.newswatch.common.kafka.DeadLetterHeaders;
import org.newswatch.common.kafka.RecordOrigin;
import org.newswatch.common.kafka.Topic;

/**
 * Sends records the index cannot read to the dead-letter topic: the original key and bytes, with
 * headers naming where they came from and what was wrong, so an operator can repair and replay them.
 */
final class DeadLetters {
  static final String ERROR = DeadLetterHeaders.ERROR;
  static final String SERVICE = DeadLetterHeaders.SERVICE;

  private final Producer<String, byte[]> producer;
  private final Topic<byte[]> topic;
  private final List<Future<RecordMetadata>> pending = new ArrayList<>();

  DeadLetters(Producer<String, byte[]> producer, Topic<byte[]> topic) {
    this.producer = producer;
    this.topic = topic;
  }

  void send(ConsumerRecord<String, byte[]> record, String error) {
    RecordHeaders headers = new RecordHeaders();
    RecordOrigin.of(record).addTo(headers);
    headers.add(ERROR, utf8(error));
    headers.add(SERVICE, utf8("index-service"));
    pending.add(producer.send(new ProducerRecord<>(topic.name(), null, record.key(), record.value(), headers)));
  }

  /**
   * Waits until every dead letter sent so far is acknowledged: called before the index commits
   * positions past them, so that a record is never both skipped and not dead-lettered.
   */
  void awaitSent() {
    if (pending.isEmpty()) {
      return;
    }
    producer.flush();
    try {
      for (Future<RecordMetadata> f : pending) {
        f.get();
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot write to " + topic.name() + ": " + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing dead letters", e);
    } finally {
      pending.clear();
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
