package org.newswatch.common.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;

/**
 * How far one consumer loop is behind and whether it still reaches Kafka, written by the loop's own
 * thread after each poll and read by {@code /health} from any other: the consumer itself may only
 * be touched by its thread.
 *
 * <p>"Connected" is the client's own count of open broker connections: a consumer whose broker went
 * away keeps polling (and returning nothing), so only this tells an outage from a quiet topic.
 */
public final class ConsumerProgress {
  /**
   * Longer than any batch a loop works on between two polls (a transaction, a Lucene commit): a
   * loop silent for this long is stuck, often in a call waiting for a broker that went away.
   */
  public static final Duration SILENCE = Duration.ofSeconds(20);

  private final String what;
  private final LongSupplier nanoClock;
  private volatile long lag = -1;
  private volatile boolean connected;
  private volatile boolean polled;
  private volatile long lastPollNanos;

  /**
   * @param what what the loop reads, for messages (e.g. {@code "news.articles"})
   */
  public ConsumerProgress(String what) {
    this(what, System::nanoTime);
  }

  /** With a clock of its own, for tests of a loop that went silent. */
  ConsumerProgress(String what, LongSupplier nanoClock) {
    this.what = what;
    this.nanoClock = nanoClock;
  }

  /** Called by the loop's thread after each poll (with or without records). */
  public void polled(Consumer<?, ?> consumer) {
    long total = 0;
    boolean known = true;
    for (TopicPartition tp : consumer.assignment()) {
      OptionalLong current = consumer.currentLag(tp);
      if (current.isPresent()) {
        total += current.getAsLong();
      } else {
        known = false;
      }
    }
    if (known) {
      lag = total;
    }
    connected = openConnections(consumer.metrics()) > 0;
    lastPollNanos = nanoClock.getAsLong();
    polled = true;
  }

  /** What the loop reads, as given (a topic name). */
  public String what() {
    return what;
  }

  /** Records not yet read on the assigned partitions; -1 before it is known. */
  public long lag() {
    return lag;
  }

  public boolean connected() {
    return connected;
  }

  /**
   * Why this loop is not ready, if it is not: it has not polled yet, has not polled for {@link
   * #SILENCE}, has no connection to Kafka, or is more than {@code maxLag} records behind.
   */
  public Optional<String> problem(long maxLag) {
    if (!polled) {
      return Optional.of("not yet reading " + what);
    }
    long silent = nanoClock.getAsLong() - lastPollNanos;
    if (silent > SILENCE.toNanos()) {
      return Optional.of(
          "no poll of "
              + what
              + " for "
              + TimeUnit.NANOSECONDS.toSeconds(silent)
              + " s (waiting on Kafka?)");
    }
    if (!connected) {
      return Optional.of("not connected to Kafka (reading " + what + ")");
    }
    long behind = lag;
    if (behind > maxLag) {
      return Optional.of(behind + " records behind on " + what + " (ready within " + maxLag + ")");
    }
    return Optional.empty();
  }

  static double openConnections(Map<MetricName, ? extends Metric> metrics) {
    double open = 0;
    for (Map.Entry<MetricName, ? extends Metric> e : metrics.entrySet()) {
      MetricName name = e.getKey();
      if (name.name().equals("connection-count")
          && name.group().endsWith("-metrics")
          && e.getValue().metricValue() instanceof Number n) {
        open += n.doubleValue();
      }
    }
    return open;
  }
}
