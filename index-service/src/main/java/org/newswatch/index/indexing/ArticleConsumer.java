package org.newswatch.index.indexing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.newswatch.common.kafka.ConsumerLoop;
import org.newswatch.common.kafka.ConsumerProgress;
import org.newswatch.common.kafka.JsonSerde;
import org.newswatch.common.kafka.KafkaSettings;
import org.newswatch.common.kafka.Topic;
import org.newswatch.common.kafka.Topics;
import org.newswatch.common.metrics.ServiceMeters;
import org.newswatch.common.model.Article;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loop that feeds {@code news.articles} into the index: one consumer on one thread.
 *
 * <p>Exactly-once into Lucene: the consumer is <em>assigned</em> every partition (each replica
 * reads the whole topic into its own index, so no group and no group offsets) and seeks to the
 * positions stored in the index's last commit. A batch is applied, then committed with its
 * positions in one Lucene commit; after a crash the uncommitted tail is simply read again, and
 * upserts by id make that harmless.
 *
 * <p>Its thread, stop and errors are the {@link ConsumerLoop}'s, in three buckets: a record that
 * cannot be decoded, or an article Lucene refuses (a value over its term limit that got past the
 * schema's bounds, an analysis that threw), goes to the dead-letter topic and the loop goes on; a
 * stored position the log no longer has (retention deleted it, or the topic was recreated) is reset
 * to the earliest record, and the upserts make the replay harmless; anything else (broker gone for
 * good, a bug) stops the loop and is reported by {@link #failure()} and the health check, without
 * committing positions past unfinished work.
 *
 * <p>A failed index write (the disk is full) is an error of its own: the loop pauses instead of
 * stopping. It drops the uncommitted work, pauses its partitions and reports the {@link #outage()};
 * every {@link IndexingPace#retryEvery()} it checks for room, reopens the writer from the last
 * commit and reads again from the positions that commit stored, so nothing is lost and, the
 * replayed records being upserts, nothing is doubled. Searches go on meanwhile.
 */
public final class ArticleConsumer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ArticleConsumer.class);

  /** How often to look for partitions added to the topic while running. */
  private static final Duration PARTITION_CHECK = Duration.ofSeconds(30);

  /**
   * How much longer refreshes and commits wait while the loop works through a backlog: each refresh
   * flushes a small segment and resolves its deletes, which cost a fifth of the indexing time at
   * the normal pace. Commits still come at least every {@link IndexingPace#commitDocs()}.
   */
  private static final int BACKLOG_SLOWDOWN = 20;

  private final Topic<Article> topic;
  private final ArticleIndexer indexer;
  private final IndexingPace pace;
  private final ConsumerLoop loop;
  private final Counter deadLettered;
  private final Timer commits;
  private final MeterRegistry meters;

  // Written by the loop's thread, read by /health from any other.
  private volatile boolean assigned;
  private volatile boolean caughtUp;

  /** Why indexing is paused, or null while it runs. */
  private volatile IndexOutage outage;

  // The loop's thread only.
  private final Map<TopicPartition, Long> lastPositions = new HashMap<>();
  private List<TopicPartition> partitions = List.of();
  private Map<TopicPartition, Long> endAtStart = Map.of();
  private long nextRetryNanos;
  private long lastCommit = System.nanoTime();
  private long lastRefresh = System.nanoTime();
  private long lastPartitionCheck = System.nanoTime();
  private int sinceCommit;
  private boolean unrefreshed;

  public ArticleConsumer(
      String bootstrap,
      Topics topics,
      ArticleIndexer indexer,
      IndexingPace pace,
      MeterRegistry meters,
      String clientId) {
    this.topic = topics.articles();
    this.indexer = indexer;
    this.pace = pace;
    this.meters = meters;
    Properties props = KafkaSettings.consumer(bootstrap, null, clientId);
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, pace.maxPollRecords());
    this.deadLettered =
        Counter.builder("newswatch.index.deadlettered")
            .description("records sent to the dead-letter topic")
            .register(meters);
    this.commits =
        Timer.builder("newswatch.index.commit")
            .description("Lucene commits with their Kafka positions")
            .register(meters);
    // Present from the start at 0, so that a rate or an alert on them has a series before the first
    // failure.
    errors(IndexOutage.DISK_FULL);
    errors(IndexOutage.INDEX_IO);
    this.loop =
        ConsumerLoop.builder("index-consumer", topic.name(), props)
            .deadLetters(topics.deadLetter(), "index-service")
            .meters(meters)
            // Short: a paused loop looks for room again, and refreshes keep their pace, between
            // polls.
            .pollTimeout(Duration.ofMillis(100))
            .stopWithin(Duration.ofSeconds(30))
            .build(new Indexing());
  }

  public ArticleConsumer start() {
    loop.start();
    return this;
  }

  /** True once the consumer holds every partition and has sought to the committed positions. */
  public boolean isAssigned() {
    return assigned;
  }

  /** True once everything on the topic when the loop started has been applied. */
  public boolean isCaughtUp() {
    return caughtUp;
  }

  /** Records on the topic not yet applied, or -1 before it is known. */
  public long lag() {
    return loop.progress().lag();
  }

  /** How far behind the loop is and whether it reaches Kafka, for {@code /health}. */
  public ConsumerProgress progress() {
    return loop.progress();
  }

  /** The loop's lifecycle view: state, last poll, last error, dead letters. */
  public ConsumerLoop.Health health() {
    return loop.health();
  }

  public long deadLettered() {
    return (long) deadLettered.count();
  }

  /** Why indexing is paused (a write failed, e.g. the disk is full), or null while it runs. */
  public IndexOutage outage() {
    return outage;
  }

  /** Why the loop stopped, or null while it runs (or after a clean stop). */
  public Throwable failure() {
    return loop.failure().orElse(null);
  }

  public boolean isRunning() {
    return loop.isAlive();
  }

  /** Applies one batch: a plain method without Kafka types; returns the articles Lucene refused. */
  List<ArticleIndexer.Refused> process(ArticleBatch batch) {
    return indexer.apply(batch);
  }

  /** Stops the loop: it finishes the batch in hand, commits it with its positions, and closes. */
  @Override
  public void close() {
    loop.close();
  }

  /** The loop's work: records to {@link ArticleBatch}es for the indexer, commits on its pace. */
  private final class Indexing implements ConsumerLoop.Work {
    @Override
    public boolean begin(ConsumerLoop.Context context) {
      partitions = context.awaitPartitions(topic.name());
      if (partitions.isEmpty()) {
        return false; // stopped while waiting for the topic
      }
      assign(context.consumer(), partitions);
      return true;
    }

    @Override
    public void polled(ConsumerRecords<String, byte[]> records, ConsumerLoop.Context context) {
      Consumer<String, byte[]> consumer = context.consumer();
      if (outage != null) {
        // Paused: the poll returned nothing but kept the client alive and close()'s wakeup working.
        if (System.nanoTime() - nextRetryNanos >= 0) {
          tryResume(consumer);
        }
        updateCaughtUp(consumer);
        return;
      }
      try {
        index(records, context);
      } catch (IndexWriteException e) {
        pause(consumer, e);
        sinceCommit = 0; // the uncommitted work is dropped and will be read again
        unrefreshed = false;
        return;
      }
      updateCaughtUp(consumer);
      long now = System.nanoTime();
      if (now - lastPartitionCheck >= PARTITION_CHECK.toNanos()) {
        lastPartitionCheck = now;
        List<TopicPartition> current =
            context.partitionsNow(
                topic.name()); // none while the broker is away: checked again later
        if (current.size() > partitions.size()) {
          partitions = current;
          assign(consumer, partitions);
        }
      }
    }

    /** Finishes in-flight work on a clean stop: everything read so far becomes durable. */
    @Override
    public void finish(ConsumerLoop.Context context) {
      if (outage != null) {
        return; // nothing uncommitted: it was dropped when indexing paused
      }
      try {
        if (indexer.hasUncommitted()) {
          commit(context);
        }
        indexer.refresh();
      } catch (IndexWriteException e) {
        // Stopping anyway: the next start reads again from the last commit.
        count(IndexOutage.of(e, Instant.now(), pace.retryEvery()));
        LOG.warn(
            "stopping without the last index commit ({}); the next start resumes from the one before",
            e.getMessage());
      }
    }

    private void index(ConsumerRecords<String, byte[]> records, ConsumerLoop.Context context) {
      List<ConsumerRecord<String, byte[]>> read = new ArrayList<>(records.count());
      ArticleBatch batch = toBatch(records, read, context);
      if (!batch.upserts().isEmpty()
          || !batch.deletes().isEmpty()
          || !batch.positions().isEmpty()) {
        for (ArticleIndexer.Refused refused : process(batch)) {
          // Lucene would not take it: dead-lettered before the commit moves the positions past it,
          // so neither this replica after a restart nor a new one built from the topic stops on it.
          deadLetter(context, read.get(refused.position()), refused.cause());
        }
        sinceCommit += batch.upserts().size() + batch.deletes().size();
        unrefreshed = true;
      }
      long now = System.nanoTime();
      // A full poll means a backlog (a first start, a replay): then refreshing and committing on
      // the clock would cut the work into many small segments, so both wait longer.
      int slowdown = records.count() >= pace.maxPollRecords() ? BACKLOG_SLOWDOWN : 1;
      if (unrefreshed && now - lastRefresh >= pace.refreshEvery().toNanos() * slowdown) {
        indexer.refresh();
        lastRefresh = now;
        unrefreshed = false;
      }
      if (indexer.hasUncommitted()
          && (sinceCommit >= pace.commitDocs()
              || now - lastCommit >= pace.commitEvery().toNanos() * slowdown)) {
        commit(context);
        lastCommit = now;
        sinceCommit = 0;
      }
    }

    /** The batch of a poll; {@code read} gets each upsert's record, in the batch's order. */
    private ArticleBatch toBatch(
        ConsumerRecords<String, byte[]> records,
        List<ConsumerRecord<String, byte[]>> read,
        ConsumerLoop.Context context) {
      List<Article> upserts = new ArrayList<>(records.count());
      List<String> deletes = new ArrayList<>();
      for (ConsumerRecord<String, byte[]> record : records) {
        if (record.value() == null) {
          if (record.key() != null) {
            deletes.add(record.key());
          } else {
            context.skip(record, "a tombstone without a key deletes nothing");
          }
          continue;
        }
        try {
          upserts.add(JsonSerde.decode(topic, record.value()));
          read.add(record);
        } catch (IllegalArgumentException e) {
          deadLetter(context, record, e);
        }
      }
      // Positions after the poll, not last offset + 1: they also step over transaction markers.
      Map<String, Long> positions = new HashMap<>();
      Consumer<String, byte[]> consumer = context.consumer();
      for (TopicPartition tp : consumer.assignment()) {
        long position = consumer.position(tp);
        Long last = lastPositions.put(tp, position);
        if (last == null || last != position) {
          positions.put(ArticleIndexer.positionKey(tp.topic(), tp.partition()), position);
        }
      }
      return new ArticleBatch(upserts, deletes, positions);
    }

    private void deadLetter(
        ConsumerLoop.Context context,
        ConsumerRecord<String, byte[]> record,
        RuntimeException cause) {
      context.deadLetter(record, cause);
      deadLettered.increment();
    }

    private void commit(ConsumerLoop.Context context) {
      long start = System.nanoTime();
      // Dead letters first: the commit moves positions past those records.
      context.awaitDeadLetters();
      indexer.commit();
      commits.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }
  }

  /**
   * A write failed: drop what is uncommitted (Lucene may have closed the writer anyway), stop
   * fetching, and say why. Nothing was committed past the failure, so no position moved past it.
   */
  private void pause(Consumer<String, byte[]> consumer, IndexWriteException e) {
    IndexOutage latest = IndexOutage.of(e, Instant.now(), pace.retryEvery());
    count(latest);
    LOG.error(
        "{} on {}; the index keeps its last commit and searches go on",
        latest.describe(),
        topic.name(),
        e);
    consumer.pause(consumer.assignment());
    try {
      indexer.discardUncommitted();
    } catch (IndexWriteException rollback) {
      LOG.warn("rolling back after the failed write also failed: {}", rollback.getMessage());
    }
    // Back to the committed positions now, so that lag and progress count the dropped work as
    // undone.
    seekToCommitted(consumer, consumer.assignment());
    outage = latest;
    nextRetryNanos = System.nanoTime() + pace.retryEvery().toNanos();
  }

  /**
   * While paused: if the index folder has room again, reopen the writer from the last commit and
   * read again from the positions it stored. Otherwise stay paused until the next retry.
   */
  private void tryResume(Consumer<String, byte[]> consumer) {
    try {
      indexer.checkSpace();
      indexer.reopen();
    } catch (IndexWriteException e) {
      IndexOutage latest = IndexOutage.of(e, Instant.now(), pace.retryEvery());
      count(latest);
      outage = outage.continuedBy(latest);
      nextRetryNanos = System.nanoTime() + pace.retryEvery().toNanos();
      LOG.warn("indexing {} still paused: {}", topic.name(), latest.cause());
      return;
    }
    Collection<TopicPartition> held = consumer.assignment();
    seekToCommitted(consumer, held); // again: the reopened writer read them from the commit on disk
    consumer.resume(held);
    LOG.info(
        "indexing {} resumed from the last commit after {} paused",
        topic.name(),
        Duration.between(outage.since(), Instant.now()));
    outage = null;
  }

  /**
   * One more failed write, by kind ({@code disk-full}, {@code index-io}), on {@code
   * newswatch.errors}.
   */
  private void count(IndexOutage failure) {
    errors(failure.kind()).increment();
  }

  private Counter errors(String kind) {
    return ServiceMeters.errors(meters, kind);
  }

  private void assign(Consumer<String, byte[]> consumer, List<TopicPartition> partitions) {
    consumer.assign(partitions);
    // Not those already being read (a re-assignment after partitions were added).
    seekToCommitted(
        consumer, partitions.stream().filter(tp -> !lastPositions.containsKey(tp)).toList());
    endAtStart = consumer.endOffsets(partitions);
    assigned = true;
    LOG.info(
        "indexing {} partitions of {} from {}",
        partitions.size(),
        topic.name(),
        indexer.committedPositions().isEmpty() ? "the beginning" : "the last commit");
  }

  /** Moves each partition to the position the index's last commit stored, or to its beginning. */
  private void seekToCommitted(
      Consumer<String, byte[]> consumer, Collection<TopicPartition> partitions) {
    Map<String, Long> committed = indexer.committedPositions();
    for (TopicPartition tp : partitions) {
      Long position = committed.get(ArticleIndexer.positionKey(tp.topic(), tp.partition()));
      if (position != null) {
        consumer.seek(tp, position);
      } else {
        consumer.seekToBeginning(List.of(tp));
      }
      lastPositions.put(tp, position == null ? -1L : position);
    }
  }

  private void updateCaughtUp(Consumer<String, byte[]> consumer) {
    boolean reached = true;
    for (TopicPartition tp : consumer.assignment()) {
      long position = lastPositions.getOrDefault(tp, 0L);
      Long end = endAtStart.get(tp);
      if (end != null && position < end) {
        reached = false;
      }
    }
    if (reached) {
      caughtUp = true;
    }
  }
}
