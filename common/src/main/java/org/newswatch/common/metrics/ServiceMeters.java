package org.newswatch.common.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One service's metrics: its Prometheus registry, tagged {@code service=<name>} so that one
 * Prometheus (or the all-in-one's three registries in one JVM) keeps the services apart, with the
 * JVM and process meters every service needs; the Kafka clients' own meters (consumer lag per
 * partition, records consumed and sent per second, request errors) are bound by whoever owns the
 * client, with {@link #watch}, and errors by kind are counted with {@link #countError}.
 *
 * <p>Closing it unbinds the GC notification listener; the registry itself stays readable.
 */
public final class ServiceMeters implements AutoCloseable {
  /** The one name for errors by kind, across services: {@code newswatch_errors_total{kind=…}}. */
  public static final String ERRORS = "newswatch.errors";

  private static final Logger LOG = LoggerFactory.getLogger(ServiceMeters.class);

  /**
   * How soon meters a Kafka client creates later (one per partition once it is fetched) appear; the
   * binder's default, a minute, left a restarted service without lag figures for that long.
   */
  private static final Duration CLIENT_REFRESH = Duration.ofSeconds(10);

  private final PrometheusMeterRegistry registry;
  private final JvmGcMetrics gc = new JvmGcMetrics();

  private ServiceMeters(String service) {
    this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().commonTags("service", service);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
    gc.bindTo(registry);
  }

  public static ServiceMeters create(String service) {
    return new ServiceMeters(service);
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /**
   * Publishes a Kafka client's own meters on {@code registry}: for a consumer among them {@code
   * kafka_consumer_fetch_manager_records_lag{topic,partition}} and records consumed per second, for
   * a producer records sent per second and send errors. The caller closes the result with the
   * client (it holds a refresh thread).
   */
  public static AutoCloseable watch(MeterRegistry registry, Consumer<?, ?> consumer) {
    KafkaClientMetrics metrics =
        new KafkaClientMetrics(consumer, List.of(), refresher(), CLIENT_REFRESH);
    metrics.bindTo(registry);
    return metrics;
  }

  /** As {@link #watch(MeterRegistry, Consumer)}, for a producer. */
  public static AutoCloseable watch(MeterRegistry registry, Producer<?, ?> producer) {
    KafkaClientMetrics metrics =
        new KafkaClientMetrics(producer, List.of(), refresher(), CLIENT_REFRESH);
    metrics.bindTo(registry);
    return metrics;
  }

  /** The binder's own thread; it shuts it down when closed. Daemon: it must never hold a JVM up. */
  private static ScheduledExecutorService refresher() {
    return Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().daemon().name("kafka-meters").factory());
  }

  /** Closes what {@link #watch} returned, never throwing: called while a client shuts down. */
  public static void unwatch(AutoCloseable watched) {
    try {
      watched.close();
    } catch (Exception e) {
      LOG.debug("closing Kafka client meters failed", e);
    }
  }

  /**
   * Counts one error of this kind (e.g. {@code deadletter}, {@code delivery-failed}, {@code
   * disk-full}).
   */
  public static void countError(MeterRegistry registry, String kind) {
    errors(registry, kind).increment();
  }

  /** The counter for errors of this kind, for callers that count often. */
  public static Counter errors(MeterRegistry registry, String kind) {
    return Counter.builder(ERRORS)
        .tag("kind", kind)
        .description("errors by kind")
        .register(registry);
  }

  @Override
  public void close() {
    gc.close();
  }
}
