package org.newswatch.ingest.story;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.newswatch.common.Json;
import org.newswatch.common.kafka.ConsumerLoop;
import org.newswatch.common.kafka.ConsumerProgress;
import org.newswatch.common.kafka.DeadLetter;
import org.newswatch.common.kafka.KafkaSettings;
import org.newswatch.common.kafka.RecordOrigin;
import org.newswatch.common.kafka.Topics;
import org.newswatch.common.metrics.ServiceMeters;
import org.newswatch.common.model.Article;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The story linker: the consumer loop from {@code news.intake} to {@code news.articles} and {@code
 * news.stories}. Every ingest instance runs one, in one consumer group; the intake topic has one
 * partition, so the instance that holds it links and the others stand by, taking over on a
 * rebalance when it stops or dies.
 *
 * <p>On taking the partition it opens a producer with the one fixed transactional id (which fences
 * a predecessor that is still alive, a zombie, and aborts what it left open), then rebuilds its
 * {@link ArticleLinker} from {@code news.articles} read to its end (read_committed: what the
 * predecessor committed, nothing it aborted). Each batch then goes out in one transaction: the
 * articles with their story ids, the stories they changed, dead letters, and the intake offsets. So
 * an article is on {@code news.articles} with its story exactly when its intake record counts as
 * read, and the memory rebuilt after any failover agrees with what was written.
 *
 * <p>Errors: fenced or a stale group generation → this instance no longer owns the partition: it
 * drops its memory and rejoins the group (standing by); unauthorised or unsupported → fatal, the
 * loop stops and {@code /health} says so; any other failure of a transaction → abort, and rebuild
 * the memory (ahead of Kafka now) before reading the batch again; an unreadable record → dead
 * letter, in the batch's transaction.
 */
public final class StoryLinker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StoryLinker.class);
  private static final String SERVICE = "ingest-service";

  /**
   * The transactional id and group of the linker, the same in every instance (prefixed per
   * deployment).
   */
  public static final String NAME = "newswatch-linker";

  /** How often a rebuild polls the group (well inside the session and poll-interval timeouts). */
  private static final Duration STAY_IN_GROUP_EVERY = Duration.ofSeconds(5);

  private final Topics topics;
  private final String bootstrap;
  private final Supplier<StoryMatcher> matchers;
  private final Properties producerProps;
  private final ConsumerLoop loop;
  private final MeterRegistry meters;
  private final Counter linked;
  private final Counter updates;
  private final Counter deadLetters;
  private final Counter rebuilds;
  private volatile boolean owner;
  private volatile boolean joined;
  private volatile long remembered;

  /** Times a rebuild polled the group (tests: a long rebuild keeps its place). */
  private volatile int stayedInGroup;

  /**
   * @param instance this instance's name, for client ids
   * @param matchers a new, empty matcher each time the linker (re)builds its memory
   */
  public StoryLinker(
      String bootstrap,
      Topics topics,
      String instance,
      Supplier<StoryMatcher> matchers,
      MeterRegistry meters) {
    this(bootstrap, topics, instance, matchers, meters, Map.of());
  }

  /**
   * As above, with {@code producerSettings} over the transactional producer's own (tests: a short
   * transaction timeout, an interceptor that pauses it).
   */
  StoryLinker(
      String bootstrap,
      Topics topics,
      String instance,
      Supplier<StoryMatcher> matchers,
      MeterRegistry meters,
      Map<String, Object> producerSettings) {
    this.topics = topics;
    this.bootstrap = bootstrap;
    this.matchers = matchers;
    Properties c = KafkaSettings.consumer(bootstrap, topics.prefix() + NAME, instance + "-linker");
    // A batch is one transaction; a few hundred articles is a few hundred ms of matching at most.
    c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 200);
    Properties p = KafkaSettings.producer(bootstrap, instance + "-linker");
    // One id for every instance: whoever takes the partition fences whoever held it.
    p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, topics.prefix() + NAME);
    p.putAll(producerSettings);
    this.producerProps = p;
    this.meters = meters;
    this.linked =
        Counter.builder("newswatch.ingest.linker.articles")
            .description("articles given a story and written to news.articles")
            .register(meters);
    this.updates =
        Counter.builder("newswatch.ingest.linker.updates")
            .description("articles that kept the story of their earlier version")
            .register(meters);
    this.deadLetters =
        Counter.builder("newswatch.ingest.linker.deadletters")
            .description("intake records sent to the dead letter topic")
            .register(meters);
    this.rebuilds =
        Counter.builder("newswatch.ingest.linker.rebuilds")
            .description("times the linker rebuilt its memory from news.articles")
            .register(meters);
    Gauge.builder("newswatch.ingest.linker.owner", this, l -> l.owner ? 1 : 0)
        .description("1 when this instance holds news.intake and links, 0 when it stands by")
        .register(meters);
    this.loop =
        ConsumerLoop.builder("story-linker", topics.intake().name(), c)
            .deadLetters(topics.deadLetter(), SERVICE)
            .meters(meters)
            .stopWithin(Duration.ofSeconds(30))
            .build(new Linking());
  }

  public StoryLinker start() {
    loop.start();
    return this;
  }

  /** True while this instance holds the intake partition and its memory is built: it links. */
  public boolean owner() {
    return owner;
  }

  /** True once the consumer has joined its group (holding the partition or standing by). */
  public boolean joined() {
    return joined;
  }

  /** Articles read back from news.articles at the last rebuild. */
  public long remembered() {
    return remembered;
  }

  /** Times a rebuild polled the group to keep the partition while it read news.articles. */
  public int stayedInGroup() {
    return stayedInGroup;
  }

  public Optional<Throwable> failure() {
    return loop.failure();
  }

  public ConsumerProgress progress() {
    return loop.progress();
  }

  public ConsumerLoop.Health health() {
    return loop.health();
  }

  /** Leaves the group (another instance takes over) after the batch in hand is committed. */
  @Override
  public void close() {
    loop.close();
  }

  private final class Linking implements ConsumerLoop.Work {
    private KafkaProducer<String, byte[]> producer;
    private ArticleLinker linker;

    /** The intake partitions held (one, by design); empty while standing by. */
    private final List<TopicPartition> held = new ArrayList<>();

    @Override
    public boolean begin(ConsumerLoop.Context context) {
      context.consumer().subscribe(List.of(topics.intake().name()), new Rebalance());
      return true;
    }

    @Override
    public void polled(ConsumerRecords<String, byte[]> records, ConsumerLoop.Context context) {
      if (held.isEmpty()) {
        return;
      }
      if (linker == null && !takeOver(context.consumer())) {
        rewind(context.consumer(), records);
        return;
      }
      if (!records.isEmpty()) {
        link(records, context);
      }
    }

    @Override
    public void release() {
      standBy();
    }

    /**
     * Opens the transactional producer (fencing a predecessor) and rebuilds the memory; false to
     * try again later.
     */
    private boolean takeOver(Consumer<String, byte[]> consumer) {
      try {
        if (producer == null) {
          producer = new KafkaProducer<>(producerProps);
          producer.initTransactions();
        }
        ArticleLinker fresh = new ArticleLinker(matchers.get());
        long n = rebuild(fresh, consumer);
        if (held.isEmpty() || producer == null) {
          LOG.info("story linker gave up the intake partition while rebuilding; standing by");
          return false;
        }
        remembered = n;
        linker = fresh;
        owner = true;
        rebuilds.increment();
        LOG.info(
            "story linker holds {}: {} articles remembered from {}",
            held,
            remembered,
            topics.articles().name());
        return true;
      } catch (ProducerFencedException | InvalidProducerEpochException e) {
        LOG.info(
            "story linker was fenced while taking over (another instance holds the partition now)");
        closeProducer();
        consumer.enforceRebalance();
        return false;
      } catch (AuthorizationException | UnsupportedVersionException e) {
        throw e;
      } catch (KafkaException e) {
        LOG.warn("story linker could not take over yet, trying again: {}", e.toString());
        closeProducer();
        return false;
      }
    }

    /**
     * Reads news.articles from the beginning to its end (read_committed) into the linker. Every few
     * seconds it polls the group's consumer with the intake paused ({@link #stayInGroup}), so a
     * rebuild longer than the poll interval (minutes at millions of articles: measured about 3,400
     * articles a second on a loaded 2-core machine) does not cost the partition; it stops early
     * when the partition is taken away meanwhile.
     */
    private long rebuild(ArticleLinker into, Consumer<String, byte[]> group) {
      Properties props =
          KafkaSettings.consumer(
              bootstrap,
              null,
              producerProps.getProperty(ProducerConfig.CLIENT_ID_CONFIG) + "-rebuild");
      props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
      long n = 0;
      try (KafkaConsumer<String, byte[]> reader = new KafkaConsumer<>(props)) {
        var infos = reader.partitionsFor(topics.articles().name(), Duration.ofSeconds(30));
        List<TopicPartition> parts =
            infos == null
                ? List.of() // no topic yet: nothing to remember
                : infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
        reader.assign(parts);
        reader.seekToBeginning(parts);
        Map<TopicPartition, Long> end = reader.endOffsets(parts, Duration.ofSeconds(30));
        long nextCall = System.nanoTime() + STAY_IN_GROUP_EVERY.toNanos();
        while (parts.stream().anyMatch(tp -> reader.position(tp) < end.get(tp))) {
          for (ConsumerRecord<String, byte[]> r : reader.poll(Duration.ofMillis(500))) {
            if (System.nanoTime() > nextCall) {
              stayInGroup(group);
              if (held.isEmpty()) {
                return n;
              }
              nextCall = System.nanoTime() + STAY_IN_GROUP_EVERY.toNanos();
            }
            if (r.value() == null) {
              continue;
            }
            try {
              into.remember(Json.fromBytes(r.value(), Article.class));
              n++;
            } catch (IllegalArgumentException e) {
              // Consumers of news.articles dead-letter it; here it only cannot be remembered.
              LOG.warn(
                  "story linker: unreadable article at {}: {}", RecordOrigin.of(r), e.getMessage());
            }
          }
        }
      }
      return n;
    }

    /**
     * One poll of the group's consumer with its partitions paused: it answers rebalances and resets
     * the poll-interval clock, and reads nothing. Whatever a partition assigned meanwhile (not yet
     * paused) brought is put back, to be read in order after the rebuild.
     */
    private void stayInGroup(Consumer<String, byte[]> consumer) {
      LOG.debug("story linker: still rebuilding, polling the group");
      stayedInGroup++;
      consumer.pause(consumer.assignment());
      ConsumerRecords<String, byte[]> brought = consumer.poll(Duration.ZERO);
      rewind(consumer, brought);
      consumer.resume(consumer.assignment());
    }

    private void link(ConsumerRecords<String, byte[]> records, ConsumerLoop.Context context) {
      Consumer<String, byte[]> consumer = context.consumer();
      List<ArticleLinker.Raw> batch = new ArrayList<>(records.count());
      Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
      for (ConsumerRecord<String, byte[]> r : records) {
        batch.add(new ArticleLinker.Raw(r.key(), r.value(), RecordOrigin.of(r)));
        next.put(
            new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
      }
      List<ArticleLinker.Output> outputs = linker.process(batch);
      try {
        producer.beginTransaction();
        for (ArticleLinker.Output o : outputs) {
          producer.send(toRecord(o));
        }
        producer.sendOffsetsToTransaction(next, consumer.groupMetadata());
        producer.commitTransaction();
      } catch (ProducerFencedException | InvalidProducerEpochException | CommitFailedException e) {
        // Another instance holds the partition now (this one was too slow, or cut off): stand by.
        LOG.warn(
            "story linker lost the intake partition mid-transaction ({}); standing by",
            e.toString());
        standBy();
        consumer.enforceRebalance();
        rewind(consumer, records);
        return;
      } catch (OutOfOrderSequenceException
          | AuthorizationException
          | UnsupportedVersionException e) {
        throw e;
      } catch (KafkaException e) {
        ServiceMeters.countError(meters, "transaction-aborted");
        LOG.warn(
            "story linker: transaction for {} records failed, aborting; memory rebuilt before reading them again: {}",
            batch.size(),
            e.toString());
        try {
          producer.abortTransaction();
        } catch (KafkaException abortFailed) {
          closeProducer();
        }
        linker = null; // it remembered the batch, which is not on Kafka: rebuilt at the next poll
        owner = false;
        rewind(consumer, records);
        return;
      }
      for (ArticleLinker.Output o : outputs) {
        switch (o) {
          case ArticleLinker.Linked l -> {
            linked.increment();
            if (l.update()) {
              updates.increment();
            }
          }
          case ArticleLinker.StoryChanged s -> {}
          case ArticleLinker.DeadLetter d -> {
            context.deadLettered(deadLetter(d));
            deadLetters.increment();
          }
        }
      }
    }

    /** Back to the first record of this poll, to read it again. */
    private void rewind(
        Consumer<String, byte[]> consumer, ConsumerRecords<String, byte[]> records) {
      Map<TopicPartition, Long> first = new HashMap<>();
      for (ConsumerRecord<String, byte[]> r : records) {
        first.putIfAbsent(new TopicPartition(r.topic(), r.partition()), r.offset());
      }
      first.forEach(
          (tp, offset) -> {
            if (consumer.assignment().contains(tp)) {
              consumer.seek(tp, offset);
            }
          });
    }

    private void standBy() {
      owner = false;
      linker = null;
      closeProducer();
    }

    private void closeProducer() {
      if (producer != null) {
        try {
          producer.close(Duration.ofSeconds(5));
        } catch (KafkaException e) {
          LOG.debug("closing the linker's producer: {}", e.toString());
        }
        producer = null;
      }
    }

    private final class Rebalance implements ConsumerRebalanceListener {
      @Override
      public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        joined = true;
        held.addAll(partitions);
        if (!partitions.isEmpty()) {
          LOG.info("story linker assigned {}", partitions);
        }
        if (held.size() > 1) {
          LOG.warn(
              "{} has {} partitions; it must have one, or two instances link at once and one event can get two stories",
              topics.intake().name(),
              held.size());
        }
      }

      @Override
      public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        // Nothing in flight: batches are committed inside the poll loop, before the next poll.
        held.removeAll(partitions);
        if (!partitions.isEmpty()) {
          LOG.info("story linker gives up {}; standing by", partitions);
          standBy();
        }
      }

      @Override
      public void onPartitionsLost(Collection<TopicPartition> partitions) {
        onPartitionsRevoked(partitions);
      }
    }
  }

  private ProducerRecord<String, byte[]> toRecord(ArticleLinker.Output o) {
    return switch (o) {
      case ArticleLinker.Linked l ->
          new ProducerRecord<>(
              topics.articles().name(), l.article().id(), Json.toBytes(l.article()));
      case ArticleLinker.StoryChanged s ->
          new ProducerRecord<>(topics.stories().name(), s.story().id(), Json.toBytes(s.story()));
      case ArticleLinker.DeadLetter d -> deadLetter(d).toRecord(topics.deadLetter());
    };
  }

  private static DeadLetter deadLetter(ArticleLinker.DeadLetter d) {
    return new DeadLetter(d.key(), d.value(), d.origin(), d.error(), d.errorClass(), SERVICE);
  }
}
