package org.newswatch.common.testing;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.newswatch.common.kafka.TopicAdmin;
import org.newswatch.common.kafka.Topics;

/** A real Kafka broker handed to a test by {@link KafkaBrokerExtension}. */
public record KafkaBroker(String bootstrapServers, String kind) {
  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  /** A fresh set of topic names, unique in this JVM, already created on the broker. */
  public Topics newTopics() {
    Topics topics =
        new Topics("t" + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet() + ".");
    TopicAdmin.ensure(bootstrapServers, topics, Duration.ofSeconds(30));
    return topics;
  }
}
