package org.newswatch.ingest.feed;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.newswatch.common.kafka.ConsumerLoop;
import org.newswatch.common.kafka.ConsumerProgress;
import org.newswatch.common.kafka.JsonSerde;
import org.newswatch.common.kafka.KafkaSettings;
import org.newswatch.common.kafka.Topic;
import org.newswatch.common.kafka.Topics;
import org.newswatch.common.model.Feed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which feeds this instance polls: the ingest instances form one consumer group on the
 * compacted {@code news.feeds} topic, and each polls the feeds of the partitions the group gives
 * it. When an instance stops or dies (its session times out), the group hands its partitions to the
 * others, which read them from the beginning and take the feeds over.
 *
 * <p>No offsets are ever committed: a partition's whole compacted history is the current set of
 * feeds, re-read on every assignment. On revocation this instance stops the feeds of those
 * partitions and waits for their polls in flight to end before the rebalance completes, so two
 * instances never poll one feed at the same time. One consumer, one thread: a {@link ConsumerLoop},
 * whose work hands each feed to the {@link FeedScheduler}; a feed record that cannot be read goes
 * to the dead-letter topic (once per assignment: the partition is re-read each time).
 */
public final class FeedAssignments implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FeedAssignments.class);

  /**
   * A poll still running at revocation is waited for this long (well under max.poll.interval.ms).
   */
  private static final Duration REVOKE_WAIT = Duration.ofSeconds(60);

  private final Topic<Feed> topic;
  private final FeedScheduler scheduler;
  private final ConsumerLoop loop;
  private final Map<String, Integer> partitionOf = new ConcurrentHashMap<>();
  private final Set<Integer> assigned = ConcurrentHashMap.newKeySet();
  private final CountDownLatch firstAssignment = new CountDownLatch(1);

  public FeedAssignments(
      String bootstrap,
      Topic<Feed> topic,
      String groupId,
      String clientId,
      FeedScheduler scheduler,
      MeterRegistry meters) {
    this.topic = topic;
    this.scheduler = scheduler;
    this.loop =
        ConsumerLoop.builder(
                "feed-assignments",
                topic.name(),
                KafkaSettings.consumer(bootstrap, groupId, clientId))
            .deadLetters(Topics.deadLetterBeside(topic), "ingest-service")
            .meters(meters)
            // Closing leaves the group at once (the others take over without waiting for a
            // timeout);
            // it runs the revocation below, which waits for this instance's polls in flight.
            .closeWithin(Duration.ofSeconds(30))
            .stopWithin(Duration.ofSeconds(60))
            .daemon(true)
            .build(new Assigning());
  }

  public FeedAssignments start() {
    loop.start();
    return this;
  }

  /** The partitions of {@code news.feeds} this instance holds now. */
  public Set<Integer> partitions() {
    return Set.copyOf(assigned);
  }

  public boolean hasJoined() {
    return firstAssignment.getCount() == 0;
  }

  public Optional<Throwable> failure() {
    return loop.failure();
  }

  /** How far behind on the feeds topic and whether it reaches Kafka, for {@code /health}. */
  public ConsumerProgress progress() {
    return loop.progress();
  }

  /** The loop's lifecycle view: state, last poll, last error, dead letters. */
  public ConsumerLoop.Health health() {
    return loop.health();
  }

  @Override
  public void close() {
    loop.close();
  }

  /** Joins the group, and hands each feed of the partitions it is given to the scheduler. */
  private final class Assigning implements ConsumerLoop.Work {
    @Override
    public boolean begin(ConsumerLoop.Context context) {
      context.consumer().subscribe(List.of(topic.name()), new Rebalance(context.consumer()));
      return true;
    }

    @Override
    public void polled(ConsumerRecords<String, byte[]> records, ConsumerLoop.Context context) {
      for (ConsumerRecord<String, byte[]> record : records) {
        apply(record, context);
      }
    }

    private void apply(ConsumerRecord<String, byte[]> record, ConsumerLoop.Context context) {
      if (record.key() == null) {
        context.skip(record, "no key: feeds are held by feed id");
        return;
      }
      Feed feed;
      try {
        feed = JsonSerde.decode(topic, record.value());
      } catch (IllegalArgumentException e) {
        context.deadLetter(record, e);
        return;
      }
      if (feed == null) {
        partitionOf.remove(record.key());
        scheduler.remove(record.key());
      } else {
        partitionOf.put(record.key(), record.partition());
        scheduler.upsert(feed);
      }
    }
  }

  private final class Rebalance implements ConsumerRebalanceListener {
    private final Consumer<String, byte[]> consumer;

    Rebalance(Consumer<String, byte[]> consumer) {
      this.consumer = consumer;
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      consumer.seekToBeginning(partitions);
      partitions.forEach(p -> assigned.add(p.partition()));
      LOG.info(
          "polling the feeds of {} partitions of {}: {}",
          partitions.size(),
          topic.name(),
          assigned);
      firstAssignment.countDown();
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      Set<Integer> gone =
          partitions.stream().map(TopicPartition::partition).collect(Collectors.toSet());
      List<String> feeds =
          partitionOf.entrySet().stream()
              .filter(e -> gone.contains(e.getValue()))
              .map(Map.Entry::getKey)
              .toList();
      try {
        if (!scheduler.removeAndAwait(feeds, REVOKE_WAIT)) {
          LOG.warn("a poll of a revoked feed still runs after {}", REVOKE_WAIT);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      feeds.forEach(partitionOf::remove);
      assigned.removeAll(gone);
    }
  }
}
