package org.newswatch.ingest.feed;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.newswatch.common.kafka.ConsumerProgress;
import org.newswatch.common.kafka.JsonSerde;
import org.newswatch.common.kafka.KafkaSettings;
import org.newswatch.common.kafka.Topic;
import org.newswatch.common.metrics.ServiceMeters;
import org.newswatch.common.model.Feed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which feeds this instance polls: the ingest instances form one consumer group on the
 * compacted {@code news.feeds} topic, and each polls the feeds of the partitions the group gives
 * it. When an instance stops or dies (its session times out), the group hands its partitions to
 * the others, which read them from the beginning and take the feeds over.
 *
 * <p>No offsets are ever committed: a partition's whole compacted history is the current set of
 * feeds, re-read on every assignment. On revocation this instance stops the feeds of those
 * partitions and waits for their polls in flight to end before the rebalance completes, so two
 * instances never poll one feed at the same time. One consumer, one thread.
 */
public final class FeedAssignments implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FeedAssignments.class);
  /** A poll still running at revocation is waited for this long (well under max.poll.interval.ms). */
  private static final Duration REVOKE_WAIT = Duration.ofSeconds(60);

  private final Topic<Feed> topic;
  private final FeedScheduler scheduler;
  private final KafkaConsumer<String, byte[]> consumer;
  private final Map<String, Integer> partitionOf = new ConcurrentHashMap<>();
  private final Set<Integer> assigned = ConcurrentHashMap.newKeySet();
  private final CountDownLatch firstAssignment = new CountDownLatch(1);
  private final Thread thread;
  private final ConsumerProgress progress;
  private final AutoCloseable clientMeters;
  private volatile boolean running = true;
  private volatile Throwable failure;

  public FeedAssignments(String bootstrap, Topic<Feed> topic, String groupId, String clientId, FeedScheduler scheduler,
      MeterRegistry meters) {
    this.topic = topic;
    this.scheduler = scheduler;
    Properties props = KafkaSettings.consumer(bootstrap, groupId, clientId);
    this.consumer = new KafkaConsumer<>(props);
    this.progress = new ConsumerProgress(topic.name());
    this.clientMeters = ServiceMeters.watch(meters, consumer);
    this.thread = new Thread(this::run, "feed-assignments");
    this.thread.setDaemon(true);
  }

  public FeedAssignments start() {
    thread.start();
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
    return Optional.ofNullable(failure);
  }

  /** How far behind on the feeds topic and whether it reaches Kafka, for {@code /health}. */
  public ConsumerProgress progress() {
    return progress;
  }

  private void run() {
    try {
      consumer.subscribe(List.of(topic.name()), new Rebalance());
      while (running) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          apply(record);
        }
        progress.polled(consumer);
      }
    } catch (WakeupException e) {
      // close() woke us: a normal stop.
    } catch (RuntimeException e) {
      failure = e;
      LOG.error("reading feed assignments stopped", e);
    } finally {
      // Closing leaves the group at once (the others take over without waiting for a timeout);
      // it runs the revocation below, which waits for this instance's polls in flight.
      ServiceMeters.unwatch(clientMeters);
      consumer.close(CloseOptions.timeout(Duration.ofSeconds(30)));
    }
  }

  private void apply(ConsumerRecord<String, byte[]> record) {
    if (record.key() == null) {
      return;
    }
    Feed feed;
    try {
      feed = JsonSerde.decode(topic, record.value());
    } catch (IllegalArgumentException e) {
      LOG.warn("skipping unreadable feed record {}@{}: {}", record.key(), record.offset(), e.getMessage());
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

  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      consumer.seekToBeginning(partitions);
      partitions.forEach(p -> assigned.add(p.partition()));
      LOG.info("polling the feeds of {} partitions of {}: {}", partitions.size(), topic.name(), assigned);
      firstAssignment.countDown();
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      Set<Integer> gone = partitions.stream().map(TopicPartition::partition).collect(Collectors.toSet());
      List<String> feeds = partitionOf.entrySet().stream().filter(e -> gone.contains(e.getValue())).map(Map.Entry::getKey).toList();
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

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(60_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
