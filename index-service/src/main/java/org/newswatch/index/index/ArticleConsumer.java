package org.newswatch.index.index;

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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
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
 * <p>Errors, in three buckets: a record that cannot be decoded goes to the dead-letter topic and
 * the loop goes on; a stored position the log no longer has (retention deleted it, or the topic was
 * recreated) is reset to the earliest record by the consumer's {@code auto.offset.reset}, and the
 * upserts make the replay harmless; anything else (broker gone for good, a bug) stops the loop and
 * is reported by {@link #failure()} and the health check, without committing positions past
 * unfinished work.
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
   * How much longer refreshes and commits wait while the loop works through a backlog: each
   * refresh flushes a small segment and resolves its deletes, which cost a fifth of the indexing
   * time at the normal pace. Commits still come at least every {@link IndexingPace#commitDocs()}.
   */
  private static final int BACKLOG_SLOWDOWN = 20;

  private final Topic<Article> topic;
  private final ArticleIndexer indexer;
  private final IndexingPace pace;
  private final KafkaConsumer<String, byte[]> consumer;
  private final KafkaProducer<String, byte[]> producer;
  private final DeadLetters deadLetters;
  private final Thread thread;
  private final Counter deadLettered;
  private final Timer commits;
  private final Counter deadLetterErrors;
  private final ConsumerProgress progress;
  private final AutoCloseable clientMeters;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final Map<TopicPartition, Long> lastPositions = new HashMap<>();

  private volatile boolean running = true;
  private volatile boolean assigned;
  private volatile boolean caughtUp;
  private volatile Throwable failure;
  /** Why indexing is paused, or null while it runs. */
  private volatile IndexOutage outage;
  private long nextRetryNanos;
  private Map<TopicPartition, Long> endAtStart = Map.of();
  private final MeterRegistry meters;

  public ArticleConsumer(String bootstrap, Topics topics, ArticleIndexer indexer, IndexingPace pace, MeterRegistry meters, String clientId) {
    this.topic = topics.articles();
    this.indexer = indexer;
    this.pace = pace;
    this.meters = meters;
    Properties props = KafkaSettings.consumer(bootstrap, null, clientId);
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, pace.maxPollRecords());
    this.consumer = new KafkaConsumer<>(props);
    this.producer = new KafkaProducer<>(KafkaSettings.producer(bootstrap, clientId + "-deadletter"));
    this.deadLetters = new DeadLetters(producer, topics.deadLetter());
    this.deadLettered = Counter.builder("newswatch.index.deadlettered").description("records sent to the dead-letter topic").register(meters);
    this.commits = Timer.builder("newswatch.index.commit").description("Lucene commits with their Kafka positions").register(meters);
    this.progress = new ConsumerProgress(topic.name());
    this.clientMeters = ServiceMeters.watch(meters, consumer);
    this.deadLetterErrors = ServiceMeters.errors(meters, "deadletter");
    // Present from the start at 0, so that a rate or an alert on them has a series before the first failure.
    errors(IndexOutage.DISK_FULL);
    errors(IndexOutage.INDEX_IO);
    this.thread = new Thread(this::run, "index-consumer");
  }

  public ArticleConsumer start() {
    thread.start();
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
    return progress.lag();
  }

  /** How far behind the loop is and whether it reaches Kafka, for {@code /health}. */
  public ConsumerProgress progress() {
    return progress;
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
    return failure;
  }

  public boolean isRunning() {
    return thread.isAlive();
  }

  private void run() {
    try {
      List<TopicPartition> partitions = waitForPartitions();
      assign(partitions);
      long lastCommit = System.nanoTime();
      long lastRefresh = System.nanoTime();
      long lastPartitionCheck = System.nanoTime();
      int sinceCommit = 0;
      boolean unrefreshed = false;
      while (running) {
        if (outage != null) {
          // Paused: the poll returns nothing but keeps the client alive and close()'s wakeup working.
          consumer.poll(Duration.ofMillis(100));
          updateProgress();
          if (System.nanoTime() - nextRetryNanos >= 0) {
            tryResume();
          }
          continue;
        }
        try {
          ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(100));
          ArticleBatch batch = toBatch(records);
          if (!batch.upserts().isEmpty() || !batch.deletes().isEmpty() || !batch.positions().isEmpty()) {
            process(batch);
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
          if (indexer.hasUncommitted() && (sinceCommit >= pace.commitDocs() || now - lastCommit >= pace.commitEvery().toNanos() * slowdown)) {
            commit();
            lastCommit = now;
            sinceCommit = 0;
          }
        } catch (IndexWriteException e) {
          pause(e);
          sinceCommit = 0; // the uncommitted work is dropped and will be read again
          unrefreshed = false;
          continue;
        }
        updateProgress();
        long now = System.nanoTime();
        if (now - lastPartitionCheck >= PARTITION_CHECK.toNanos()) {
          lastPartitionCheck = now;
          List<TopicPartition> current = waitForPartitions();
          if (current.size() > partitions.size()) {
            partitions = current;
            assign(partitions);
          }
        }
      }
      finish();
    } catch (WakeupException e) {
      // close() woke the consumer up: a normal stop.
      finish();
    } catch (RuntimeException e) {
      failure = e;
      LOG.error("indexing {} stopped; the index keeps its last commit and resumes from it on restart", topic.name(), e);
    } finally {
      ServiceMeters.unwatch(clientMeters);
      consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
      producer.close(Duration.ofSeconds(5));
      stopped.countDown();
    }
  }

  /** Applies one batch: a plain method without Kafka types, also what the bench and tests drive. */
  void process(ArticleBatch batch) {
    indexer.apply(batch);
  }

  /** Finishes in-flight work on a clean stop: everything read so far becomes durable. */
  private void finish() {
    if (outage != null) {
      return; // nothing uncommitted: it was dropped when indexing paused
    }
    try {
      if (indexer.hasUncommitted()) {
        commit();
      }
      indexer.refresh();
    } catch (IndexWriteException e) {
      // Stopping anyway: the next start reads again from the last commit.
      count(IndexOutage.of(e, Instant.now(), pace.retryEvery()));
      LOG.warn("stopping without the last index commit ({}); the next start resumes from the one before", e.getMessage());
    }
  }

  /**
   * A write failed: drop what is uncommitted (Lucene may have closed the writer anyway), stop
   * fetching, and say why. Nothing was committed past the failure, so no position moved past it.
   */
  private void pause(IndexWriteException e) {
    IndexOutage latest = IndexOutage.of(e, Instant.now(), pace.retryEvery());
    count(latest);
    LOG.error("{} on {}; the index keeps its last commit and searches go on", latest.describe(), topic.name(), e);
    consumer.pause(consumer.assignment());
    try {
      indexer.discardUncommitted();
    } catch (IndexWriteException rollback) {
      LOG.warn("rolling back after the failed write also failed: {}", rollback.getMessage());
    }
    // Back to the committed positions now, so that lag and progress count the dropped work as undone.
    seekToCommitted(consumer.assignment());
    outage = latest;
    nextRetryNanos = System.nanoTime() + pace.retryEvery().toNanos();
  }

  /**
   * While paused: if the index folder has room again, reopen the writer from the last commit and
   * read again from the positions it stored. Otherwise stay paused until the next retry.
   */
  private void tryResume() {
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
    Collection<TopicPartition> partitions = consumer.assignment();
    seekToCommitted(partitions); // again: the reopened writer read them from the commit on disk
    consumer.resume(partitions);
    LOG.info("indexing {} resumed from the last commit after {} paused",
        topic.name(), Duration.between(outage.since(), Instant.now()));
    outage = null;
  }

  /** One more failed write, by kind ({@code disk-full}, {@code index-io}), on {@code newswatch.errors}. */
  private void count(IndexOutage failure) {
    errors(failure.kind()).increment();
  }

  private Counter errors(String kind) {
    return ServiceMeters.errors(meters, kind);
  }

  private void commit() {
    long start = System.nanoTime();
    // Dead letters first: the commit moves positions past those records.
    deadLetters.awaitSent();
    indexer.commit();
    commits.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
  }

  private void assign(List<TopicPartition> partitions) {
    consumer.assign(partitions);
    // Not those already being read (a re-assignment after partitions were added).
    seekToCommitted(partitions.stream().filter(tp -> !lastPositions.containsKey(tp)).toList());
    endAtStart = consumer.endOffsets(partitions);
    assigned = true;
    LOG.info("indexing {} partitions of {} from {}", partitions.size(), topic.name(),
        indexer.committedPositions().isEmpty() ? "the beginning" : "the last commit");
  }

  /** Moves each partition to the position the index's last commit stored, or to its beginning. */
  private void seekToCommitted(Collection<TopicPartition> partitions) {
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

  private ArticleBatch toBatch(ConsumerRecords<String, byte[]> records) {
    List<Article> upserts = new ArrayList<>(records.count());
    List<String> deletes = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> record : records) {
      if (record.value() == null) {
        if (record.key() != null) {
          deletes.add(record.key());
        }
        continue;
      }
      try {
        upserts.add(JsonSerde.decode(topic, record.value()));
      } catch (IllegalArgumentException e) {
        LOG.warn("dead-lettering unreadable record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
        deadLetters.send(record, e.getMessage());
        deadLettered.increment();
        deadLetterErrors.increment();
      }
    }
    // Positions after the poll, not last offset + 1: they also step over transaction markers.
    Map<String, Long> positions = new HashMap<>();
    for (TopicPartition tp : consumer.assignment()) {
      long position = consumer.position(tp);
      Long last = lastPositions.put(tp, position);
      if (last == null || last != position) {
        positions.put(ArticleIndexer.positionKey(tp.topic(), tp.partition()), position);
      }
    }
    return new ArticleBatch(upserts, deletes, positions);
  }

  private void updateProgress() {
    progress.polled(consumer);
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

  private List<TopicPartition> waitForPartitions() {
    while (running) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic.name(), Duration.ofSeconds(10));
      if (infos != null && !infos.isEmpty()) {
        return infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).sorted(
            java.util.Comparator.comparingInt(TopicPartition::partition)).toList();
      }
      LOG.info("waiting for topic {} to exist", topic.name());
    }
    throw new WakeupException();
  }

  /** Stops the loop: it finishes the batch in hand, commits it with its positions, and closes. */
  @Override
  public void close() {
    running = false;
    if (thread.getState() == Thread.State.NEW) {
      // Never started: nothing to finish, only the clients to release.
      ServiceMeters.unwatch(clientMeters);
      consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
      producer.close(Duration.ofSeconds(5));
      return;
    }
    consumer.wakeup();
    try {
      if (!stopped.await(30, TimeUnit.SECONDS)) {
        LOG.warn("the index consumer did not stop within 30 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
