package org.newswatch.common.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.InvalidOffsetException;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.newswatch.common.metrics.ServiceMeters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lifecycle every Newswatch consumer loop shares: one consumer on one thread, started once,
 * stopped by a flag and {@code wakeup()} with a bounded join, watched through {@link #health()}.
 * What a loop does with its records is its {@link Work}; the work hands each batch to a plain class
 * without Kafka types (the indexer, the alerter, the feed scheduler, a table's map).
 *
 * <p>Errors fall in the three buckets of the {@code KafkaConsumer} Javadoc, the same in every loop:
 *
 * <ul>
 *   <li><b>bad record</b>: the work calls {@link Context#deadLetter}, the record goes to {@code
 *       news.deadletter} as a {@link DeadLetter} (original key and bytes, origin headers) and the
 *       loop goes on; a record the client itself cannot hand over ({@link
 *       RecordDeserializationException}) is dead-lettered and stepped over the same way. A record
 *       that is deliberately not used (a keyless record on a table) is {@link Context#skip skipped}
 *       with a logged, counted reason. Nothing is dropped otherwise.
 *   <li><b>position</b>: a position the log no longer has ({@link InvalidOffsetException}, when the
 *       client does not reset it by itself) goes to {@link Work#reposition}, by default the
 *       earliest record, counted and logged; the loop goes on.
 *   <li><b>fatal</b>: anything else thrown by the client or the work (and an {@link Error}, so a
 *       loop never dies silently) stops the loop without {@link Work#finish finishing}, so no
 *       position moves past unfinished work; {@link #health()} reports it.
 * </ul>
 *
 * <p>Dead letters written through the context are acknowledged before the next poll, and a work
 * that commits positions of its own calls {@link Context#awaitDeadLetters()} first: a record is
 * never both passed over and not dead-lettered. A dead letter that cannot be written is fatal.
 */
public final class ConsumerLoop implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ConsumerLoop.class);

  /** Where a loop is in its life, for {@link Health}. */
  public enum State {
    NEW,
    STARTING,
    RUNNING,
    STOPPED,
    FAILED
  }

  /**
   * The Kafka-facing part of one loop, called on the loop's thread only. It turns records into the
   * plain batches of its worker; it never starts threads or closes the consumer.
   */
  public interface Work {
    /** Before the first poll: subscribe, or assign and seek. Returns false to stop at once. */
    boolean begin(Context context);

    /** After every poll, with what it brought (maybe nothing: time-driven work runs here too). */
    void polled(ConsumerRecords<String, byte[]> records, Context context);

    /** On a clean stop, before the consumer closes: make the work in hand durable. */
    default void finish(Context context) {}

    /**
     * Once the loop has ended, however it ended (stopped, failed, or never begun), before the
     * consumer closes: close what {@link #begin} opened (a producer of its own).
     */
    default void release() {}

    /** The partitions' positions are gone from the log: where to read them from now. */
    default void reposition(Collection<TopicPartition> partitions, Context context) {
      context.consumer().seekToBeginning(partitions);
    }
  }

  /**
   * What a loop looks like from outside, for {@code /health} and tests.
   *
   * @param lastPoll when the last poll returned, or null before the first
   * @param lastError the last error the loop went on after (a dead letter, a reset), or its fatal
   *     one
   * @param failure why the loop stopped, when it failed
   */
  public record Health(
      String name,
      State state,
      Instant lastPoll,
      String lastError,
      Throwable failure,
      long deadLettered,
      long skipped,
      long repositioned) {
    public boolean failed() {
      return state == State.FAILED;
    }
  }

  private final String name;
  private final String service;
  private final Work work;
  private final KafkaConsumer<String, byte[]> consumer;
  private final Properties deadLetterProducer;
  private final Topic<byte[]> deadLetterTopic;
  private final Duration pollTimeout;
  private final Duration stopWithin;
  private final Duration closeWithin;
  private final Clock clock;
  private final Thread thread;
  private final Context context = new Context();
  private final ConsumerProgress progress;
  private final AutoCloseable clientMeters;
  private final Counter deadLetterErrors;
  private final AtomicLong deadLettered = new AtomicLong();
  private final AtomicLong skipped = new AtomicLong();
  private final AtomicLong repositioned = new AtomicLong();
  private final List<Future<RecordMetadata>> pendingDeadLetters = new ArrayList<>();
  private Producer<String, byte[]> deadLetters;

  private volatile boolean running = true;
  private volatile State state = State.NEW;
  private volatile Instant lastPoll;
  private volatile String lastError;
  private volatile Throwable failure;

  private ConsumerLoop(Builder b, Work work) {
    this.name = b.name;
    this.service = b.service;
    this.work = work;
    this.consumer = new KafkaConsumer<>(b.consumer);
    this.deadLetterProducer =
        KafkaSettings.producer(
            b.bootstrap, b.consumer.getProperty("client.id", b.name) + "-deadletter");
    this.deadLetterTopic = b.deadLetterTopic;
    this.pollTimeout = b.pollTimeout;
    this.stopWithin = b.stopWithin;
    this.closeWithin = b.closeWithin;
    this.clock = b.clock;
    this.progress = new ConsumerProgress(b.reads);
    this.clientMeters = b.meters == null ? null : ServiceMeters.watch(b.meters, consumer);
    this.deadLetterErrors = b.meters == null ? null : ServiceMeters.errors(b.meters, "deadletter");
    this.thread = new Thread(this::run, b.name);
    this.thread.setDaemon(b.daemon);
  }

  /**
   * A loop named {@code name} (its thread's name) reading {@code reads} (a topic name, for
   * messages) with a consumer of these settings ({@link KafkaSettings#consumer}).
   */
  public static Builder builder(String name, String reads, Properties consumer) {
    return new Builder(name, reads, consumer);
  }

  public ConsumerLoop start() {
    state = State.STARTING;
    thread.start();
    return this;
  }

  /** How far behind the loop is and whether it reaches Kafka (updated after each poll). */
  public ConsumerProgress progress() {
    return progress;
  }

  public Health health() {
    return new Health(
        name,
        state,
        lastPoll,
        lastError,
        failure,
        deadLettered.get(),
        skipped.get(),
        repositioned.get());
  }

  /** Why the loop stopped, if it failed. */
  public Optional<Throwable> failure() {
    return Optional.ofNullable(failure);
  }

  /** True while the loop's thread runs. */
  public boolean isAlive() {
    return thread.isAlive();
  }

  /**
   * Why this loop is not ready, if it is not: it failed (with the cause), or {@link
   * ConsumerProgress#problem its progress} says it is silent, disconnected or behind.
   */
  public Optional<String> problem(long maxLag) {
    Throwable f = failure;
    if (f != null) {
      return Optional.of("reading " + progress.what() + " stopped: " + DeadLetter.describe(f));
    }
    if (state == State.STOPPED) {
      return Optional.of("reading " + progress.what() + " was stopped");
    }
    return progress.problem(maxLag);
  }

  private void run() {
    try {
      if (!work.begin(context)) {
        LOG.info("{} stopped before reading {}", name, progress.what());
        state = State.STOPPED;
        return;
      }
      state = State.RUNNING;
      try {
        while (running) {
          ConsumerRecords<String, byte[]> records = poll();
          work.polled(records, context);
          context.awaitDeadLetters();
          progress.polled(consumer);
        }
      } catch (WakeupException e) {
        // close() woke a blocking call: a normal stop, after which the work in hand is made
        // durable.
      }
      work.finish(context);
      context.awaitDeadLetters();
      state = State.STOPPED;
    } catch (WakeupException e) {
      // Woken while beginning (waiting for the topic) or finishing: stopped, nothing more to do.
      state = State.STOPPED;
    } catch (RuntimeException | Error e) {
      // Errors too: a loop thread that ends without a word is worse than any log line.
      fail(e);
    } finally {
      closeClients();
    }
  }

  private void fail(Throwable e) {
    failure = e;
    lastError = DeadLetter.describe(e);
    state = State.FAILED;
    LOG.error("{} stopped reading {}", name, progress.what(), e);
  }

  /**
   * One poll, with the position and unreadable-record buckets handled here; null never returned.
   */
  private ConsumerRecords<String, byte[]> poll() {
    try {
      ConsumerRecords<String, byte[]> records = consumer.poll(pollTimeout);
      lastPoll = clock.instant();
      return records;
    } catch (InvalidOffsetException e) {
      repositioned.incrementAndGet();
      lastError = e.getMessage();
      LOG.warn(
          "{}: positions of {} are gone from the log ({}); repositioning",
          name,
          e.partitions(),
          e.getMessage());
      work.reposition(e.partitions(), context);
    } catch (RecordDeserializationException e) {
      // A record the client could not hand over (e.g. corrupt): nothing but stepping over it goes
      // on.
      context.send(
          new DeadLetter(
              text(e.keyBuffer()),
              bytes(e.valueBuffer()),
              new RecordOrigin(
                  e.topicPartition().topic(), e.topicPartition().partition(), e.offset()),
              DeadLetter.describe(e),
              e.getClass().getName(),
              service));
      consumer.seek(e.topicPartition(), e.offset() + 1);
    }
    return ConsumerRecords.empty();
  }

  private void closeClients() {
    try {
      work.release();
    } catch (RuntimeException e) {
      LOG.warn("{}: releasing its work failed", name, e);
    }
    if (deadLetters != null) {
      deadLetters.close(closeWithin);
    }
    if (clientMeters != null) {
      ServiceMeters.unwatch(clientMeters);
    }
    consumer.close(CloseOptions.timeout(closeWithin));
  }

  /**
   * Stops the loop: the poll in progress is woken, the work {@link Work#finish finishes} what it
   * holds, and the clients close. Waits up to the builder's {@code stopWithin}.
   */
  @Override
  public void close() {
    running = false;
    if (thread.getState() == Thread.State.NEW) {
      state = State.STOPPED;
      closeClients();
      return;
    }
    consumer.wakeup();
    if (Thread.currentThread() == thread) {
      return; // closed by the work itself: the loop ends after this batch
    }
    try {
      thread.join(stopWithin.toMillis());
      if (thread.isAlive()) {
        LOG.warn("{} did not stop within {} s", name, stopWithin.toSeconds());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String text(ByteBuffer b) {
    return b == null ? null : new String(bytes(b), java.nio.charset.StandardCharsets.UTF_8);
  }

  private static byte[] bytes(ByteBuffer b) {
    if (b == null) {
      return null;
    }
    byte[] out = new byte[b.remaining()];
    b.duplicate().get(out);
    return out;
  }

  /** What the work may use, on the loop's thread only. */
  public final class Context {
    private Context() {}

    /** The loop's consumer: subscribe, assign, seek, pause; never close it. */
    public Consumer<String, byte[]> consumer() {
      return consumer;
    }

    /** False once the loop is asked to stop: long waits in {@link Work#begin} check it. */
    public boolean running() {
      return running;
    }

    /** Sends a record the work cannot use to the dead-letter topic, and goes on. */
    public void deadLetter(ConsumerRecord<String, byte[]> record, Throwable failure) {
      send(DeadLetter.of(record, failure, service));
    }

    /** As {@link #deadLetter(ConsumerRecord, Throwable)}, for a reason that is not an exception. */
    public void deadLetter(ConsumerRecord<String, byte[]> record, String reason) {
      send(DeadLetter.of(record, reason, service));
    }

    /**
     * Counts a dead letter the work wrote itself (inside its own transaction, so that it commits
     * with the batch's offsets): every dead letter is counted and logged the same way.
     */
    public void deadLettered(DeadLetter letter) {
      counted(letter);
    }

    /** A record deliberately not used, for a reason that is logged and counted. */
    public void skip(ConsumerRecord<String, byte[]> record, String reason) {
      skipped.incrementAndGet();
      LOG.warn("{}: skipping {}: {}", name, RecordOrigin.of(record), reason);
    }

    /** The service name put on this loop's dead letters. */
    public String service() {
      return service;
    }

    /**
     * Waits until every dead letter sent so far is acknowledged; a work that commits positions
     * calls it first. Throws (a fatal error) when one could not be written.
     */
    public void awaitDeadLetters() {
      if (pendingDeadLetters.isEmpty()) {
        return;
      }
      deadLetters.flush();
      try {
        for (Future<RecordMetadata> f : pendingDeadLetters) {
          f.get();
        }
      } catch (ExecutionException e) {
        throw new IllegalStateException(
            "cannot write to " + deadLetterTopic.name() + ": " + e.getCause().getMessage(),
            e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while writing dead letters", e);
      } finally {
        pendingDeadLetters.clear();
      }
    }

    /**
     * The topic's partitions once it exists (asking every 10 s while the broker does not answer),
     * or none when the loop is stopped meanwhile. For loops that assign rather than subscribe.
     */
    public List<TopicPartition> awaitPartitions(String topic) {
      while (running) {
        List<TopicPartition> partitions = partitionsNow(topic);
        if (!partitions.isEmpty()) {
          return partitions;
        }
        LOG.info("{}: waiting for topic {} to exist", name, topic);
      }
      return List.of();
    }

    /** The topic's partitions by number, or none when it does not exist or the broker is away. */
    public List<TopicPartition> partitionsNow(String topic) {
      List<PartitionInfo> infos;
      try {
        infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
      } catch (TimeoutException e) {
        LOG.warn("{}: no metadata for {} within 10 s (is the broker down?)", name, topic);
        return List.of();
      }
      if (infos == null) {
        return List.of();
      }
      return infos.stream()
          .map(i -> new TopicPartition(i.topic(), i.partition()))
          .sorted(java.util.Comparator.comparingInt(TopicPartition::partition))
          .toList();
    }

    private void send(DeadLetter letter) {
      if (deadLetterTopic == null) {
        throw new IllegalStateException(name + " has no dead-letter topic for " + letter);
      }
      if (deadLetters == null) {
        deadLetters = new KafkaProducer<>(deadLetterProducer);
      }
      pendingDeadLetters.add(deadLetters.send(letter.toRecord(deadLetterTopic)));
      counted(letter);
    }

    private void counted(DeadLetter letter) {
      deadLettered.incrementAndGet();
      if (deadLetterErrors != null) {
        deadLetterErrors.increment();
      }
      lastError = letter.error();
      LOG.warn("{}: {}", name, letter);
    }
  }

  /** The settings of a loop; every one but the consumer's has a default. */
  public static final class Builder {
    private final String name;
    private final String reads;
    private final Properties consumer;
    private String bootstrap;
    private Topic<byte[]> deadLetterTopic;
    private String service = "newswatch";
    private MeterRegistry meters;
    private Duration pollTimeout = Duration.ofMillis(500);
    private Duration stopWithin = Duration.ofSeconds(30);
    private Duration closeWithin = Duration.ofSeconds(5);
    private boolean daemon;
    private Clock clock = Clock.systemUTC();

    private Builder(String name, String reads, Properties consumer) {
      this.name = name;
      this.reads = reads;
      this.consumer = consumer;
      this.bootstrap = consumer.getProperty("bootstrap.servers");
    }

    /** Where bad records go, with this service named on them. */
    public Builder deadLetters(Topic<byte[]> topic, String service) {
      this.deadLetterTopic = topic;
      this.service = service;
      return this;
    }

    /**
     * Publishes the consumer's meters and counts dead letters on {@code
     * newswatch.errors{kind=deadletter}}.
     */
    public Builder meters(MeterRegistry meters) {
      this.meters = meters;
      return this;
    }

    /** How long one poll waits for records; also how soon a paused loop looks again. */
    public Builder pollTimeout(Duration timeout) {
      this.pollTimeout = timeout;
      return this;
    }

    /** How long {@link #close()} waits for the loop to finish its work and close. */
    public Builder stopWithin(Duration timeout) {
      this.stopWithin = timeout;
      return this;
    }

    /** How long closing the consumer may take (a group leave runs its revocation first). */
    public Builder closeWithin(Duration timeout) {
      this.closeWithin = timeout;
      return this;
    }

    /** A daemon thread does not hold the JVM up: for loops with nothing to finish. */
    public Builder daemon(boolean daemon) {
      this.daemon = daemon;
      return this;
    }

    /** The clock of {@link Health#lastPoll()}, for tests. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    public ConsumerLoop build(Work work) {
      return new ConsumerLoop(this, work);
    }
  }
}
