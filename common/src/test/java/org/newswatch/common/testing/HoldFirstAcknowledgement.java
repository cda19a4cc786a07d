package org.newswatch.common.testing;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * A producer interceptor (set by class name in {@code interceptor.classes}) that holds the
 * producer's network thread for {@link #HOLD_MILLIS} at the first acknowledgement any producer of
 * the JVM gets after {@link #reset}: a process paused between writing a transaction's records and
 * committing them (a stopped VM, a long GC). Once only, so that the producer that replaces the
 * paused one is not held too.
 */
public final class HoldFirstAcknowledgement implements ProducerInterceptor<String, byte[]> {
  /** Longer than a test's transaction timeout (a few seconds), well inside max.block.ms. */
  public static final long HOLD_MILLIS = 25_000;

  private static final AtomicInteger acknowledged = new AtomicInteger();
  private static final AtomicBoolean held = new AtomicBoolean();

  /**
   * Producer settings that install this interceptor with a two-second transaction timeout: the hold
   * outlasts the transaction.
   */
  public static Map<String, Object> withShortTransactions() {
    return Map.of(
        ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
        2000,
        ProducerConfig.INTERCEPTOR_CLASSES_CONFIG,
        HoldFirstAcknowledgement.class.getName());
  }

  /** The next acknowledgement is held again. */
  public static void reset() {
    acknowledged.set(0);
    held.set(false);
  }

  /** Acknowledgements since {@link #reset}. */
  public static int acknowledged() {
    return acknowledged.get();
  }

  /** Whether the hold has happened since {@link #reset}. */
  public static boolean held() {
    return held.get();
  }

  @Override
  public ProducerRecord<String, byte[]> onSend(ProducerRecord<String, byte[]> record) {
    return record;
  }

  @Override
  public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
    if (acknowledged.incrementAndGet() == 1) {
      try {
        Thread.sleep(HOLD_MILLIS);
        held.set(true);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public void close() {}

  @Override
  public void configure(Map<String, ?> configs) {}
}
