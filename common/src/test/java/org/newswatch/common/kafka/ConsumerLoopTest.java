package org.newswatch.common.kafka;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.newswatch.common.Hashes;
import org.newswatch.common.Json;
import org.newswatch.common.model.Analyst;
import org.newswatch.common.testing.KafkaBroker;
import org.newswatch.common.testing.KafkaBrokerExtension;
import org.newswatch.common.testing.TopicRecords;

@ExtendWith(KafkaBrokerExtension.class)
class ConsumerLoopTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @Test
  void unreadableRecordGoesToTheDeadLetterTopicWithItsOriginAndTheLoopGoesOn(KafkaBroker broker) {
    // Hostile input: a record on news.analysts that is not JSON at all, between two good ones.
    Topics topics = broker.newTopics();
    TopicRecords.produce(
        broker.bootstrapServers(), topics.analysts(), "ann", Json.toBytes(analyst("ann")));
    TopicRecords.produce(
        broker.bootstrapServers(),
        topics.analysts(),
        "junk",
        "{not json".getBytes(StandardCharsets.UTF_8));
    TopicRecords.produce(
        broker.bootstrapServers(), topics.analysts(), "bob", Json.toBytes(analyst("bob")));
    Reader reader = new Reader(topics.analysts(), r -> {});

    try (ConsumerLoop loop =
        loop(broker, topics, reader, consumerProps(broker, "earliest")).start()) {
      await().atMost(WAIT).until(() -> reader.read.size() == 2);
      assertEquals(List.of("ann", "bob"), reader.read.stream().map(Analyst::id).toList());
      ConsumerLoop.Health health = loop.health();
      assertEquals(ConsumerLoop.State.RUNNING, health.state());
      assertEquals(1, health.deadLettered());
      assertTrue(health.lastPoll() != null);
      await().atMost(WAIT).until(() -> loop.problem(Long.MAX_VALUE).isEmpty());
    }

    List<ConsumerRecord<String, byte[]>> dead =
        TopicRecords.read(broker.bootstrapServers(), topics.deadLetter().name());
    assertEquals(1, dead.size());
    ConsumerRecord<String, byte[]> letter = dead.get(0);
    assertEquals("junk", letter.key());
    assertEquals(
        "{not json",
        new String(letter.value(), StandardCharsets.UTF_8),
        "the original bytes, untouched");
    assertEquals(
        new RecordOrigin(topics.analysts().name(), 0, 1),
        RecordOrigin.from(letter.headers()).orElseThrow());
    assertEquals(
        "test-service",
        new String(
            letter.headers().lastHeader(DeadLetterHeaders.SERVICE).value(),
            StandardCharsets.UTF_8));
    assertTrue(letter.headers().lastHeader(DeadLetterHeaders.ERROR).value().length > 0);
  }

  @Test
  void failingWorkStopsTheLoopWithoutFinishingAndHealthSaysWhy(KafkaBroker broker) {
    Topics topics = broker.newTopics();
    TopicRecords.produce(
        broker.bootstrapServers(), topics.analysts(), "ann", Json.toBytes(analyst("ann")));
    Reader reader =
        new Reader(
            topics.analysts(),
            a -> {
              throw new IllegalStateException("the worker broke on " + a.id());
            });

    try (ConsumerLoop loop =
        loop(broker, topics, reader, consumerProps(broker, "earliest")).start()) {
      await().atMost(WAIT).until(() -> !loop.isAlive());
      assertEquals(ConsumerLoop.State.FAILED, loop.health().state());
      assertEquals("the worker broke on ann", loop.health().lastError());
      assertTrue(loop.problem(Long.MAX_VALUE).orElseThrow().contains("the worker broke on ann"));
      assertFalse(reader.finished.get(), "a failed batch is never made durable");
    }
  }

  @Test
  void errorInTheWorkIsReportedNotSilent(KafkaBroker broker) {
    // Hostile input: a record whose handling overflows the stack (a deeply nested document).
    Topics topics = broker.newTopics();
    TopicRecords.produce(
        broker.bootstrapServers(), topics.analysts(), "ann", Json.toBytes(analyst("ann")));
    Reader reader =
        new Reader(
            topics.analysts(),
            a -> {
              throw new StackOverflowError();
            });

    try (ConsumerLoop loop =
        loop(broker, topics, reader, consumerProps(broker, "earliest")).start()) {
      await().atMost(WAIT).until(() -> !loop.isAlive());
      assertTrue(loop.failure().orElseThrow() instanceof StackOverflowError);
      assertTrue(loop.problem(Long.MAX_VALUE).orElseThrow().contains("StackOverflowError"));
    }
  }

  @Test
  void closeWakesAWaitingPollAndFinishesTheWorkInHand(KafkaBroker broker) {
    Topics topics = broker.newTopics();
    Reader reader = new Reader(topics.analysts(), a -> {});
    ConsumerLoop loop =
        ConsumerLoop.builder(
                "test-loop", topics.analysts().name(), consumerProps(broker, "earliest"))
            .deadLetters(topics.deadLetter(), "test-service")
            .pollTimeout(Duration.ofHours(1)) // only wakeup() can end this poll
            .build(reader)
            .start();
    await().atMost(WAIT).until(() -> loop.health().state() == ConsumerLoop.State.RUNNING);

    loop.close();

    assertFalse(loop.isAlive());
    assertEquals(ConsumerLoop.State.STOPPED, loop.health().state());
    assertTrue(reader.finished.get());
    assertEquals(
        "reading " + topics.analysts().name() + " was stopped",
        loop.problem(Long.MAX_VALUE).orElseThrow());
  }

  @Test
  void positionTheLogNoLongerHasIsMovedToTheEarliestRecord(KafkaBroker broker) {
    // Hostile input: a stored position far past the end of the log (a recreated topic, an old
    // backup),
    // with a consumer that does not reset positions by itself.
    Topics topics = broker.newTopics();
    TopicRecords.produce(
        broker.bootstrapServers(), topics.analysts(), "ann", Json.toBytes(analyst("ann")));
    TopicRecords.produce(
        broker.bootstrapServers(), topics.analysts(), "bob", Json.toBytes(analyst("bob")));
    Reader reader =
        new Reader(topics.analysts(), a -> {}) {
          @Override
          public boolean begin(ConsumerLoop.Context context) {
            List<TopicPartition> partitions = context.awaitPartitions(topics.analysts().name());
            context.consumer().assign(partitions);
            partitions.forEach(tp -> context.consumer().seek(tp, 1_000));
            return true;
          }
        };

    try (ConsumerLoop loop = loop(broker, topics, reader, consumerProps(broker, "none")).start()) {
      await().atMost(WAIT).until(() -> reader.read.size() == 2);
      assertEquals(1, loop.health().repositioned());
      assertEquals(ConsumerLoop.State.RUNNING, loop.health().state());
    }
  }

  private static ConsumerLoop loop(
      KafkaBroker broker, Topics topics, ConsumerLoop.Work work, Properties props) {
    return ConsumerLoop.builder("test-loop", topics.analysts().name(), props)
        .deadLetters(topics.deadLetter(), "test-service")
        .pollTimeout(Duration.ofMillis(100))
        .build(work);
  }

  private static Properties consumerProps(KafkaBroker broker, String reset) {
    Properties props = KafkaSettings.consumer(broker.bootstrapServers(), null, "test-loop");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, reset);
    return props;
  }

  private static Analyst analyst(String id) {
    return new Analyst(1, id, id, Hashes.sha256Hex(id + "-key"), false, Instant.EPOCH);
  }

  /** Reads a whole table topic into a list, as the plain worker behind a loop would. */
  private static class Reader implements ConsumerLoop.Work {
    final Topic<Analyst> topic;
    final Consumer<Analyst> worker;
    final List<Analyst> read = new CopyOnWriteArrayList<>();
    final AtomicBoolean finished = new AtomicBoolean();

    Reader(Topic<Analyst> topic, Consumer<Analyst> worker) {
      this.topic = topic;
      this.worker = worker;
    }

    @Override
    public boolean begin(ConsumerLoop.Context context) {
      List<TopicPartition> partitions = context.awaitPartitions(topic.name());
      context.consumer().assign(partitions);
      context.consumer().seekToBeginning(partitions);
      return true;
    }

    @Override
    public void polled(ConsumerRecords<String, byte[]> records, ConsumerLoop.Context context) {
      for (ConsumerRecord<String, byte[]> r : records) {
        Analyst a;
        try {
          a = JsonSerde.decode(topic, r.value());
        } catch (IllegalArgumentException e) {
          context.deadLetter(r, e);
          continue;
        }
        worker.accept(a);
        read.add(a);
      }
    }

    @Override
    public void finish(ConsumerLoop.Context context) {
      finished.set(true);
    }
  }
}
