package org.newswatch.ingest.feed;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.newswatch.common.kafka.KafkaSettings;
import org.newswatch.common.kafka.Topics;
import org.newswatch.common.model.Article;
import org.newswatch.common.net.AddressGuard;
import org.newswatch.common.testing.KafkaBroker;
import org.newswatch.ingest.Fixtures;
import org.newswatch.ingest.IngestMetrics;
import org.newswatch.ingest.extract.ArticleExtractor;
import org.newswatch.ingest.fetch.FetchLimits;
import org.newswatch.ingest.fetch.HostGate;
import org.newswatch.ingest.fetch.HttpFetcher;
import org.newswatch.ingest.item.ItemIngester;
import org.newswatch.ingest.publish.ArticlePublisher;
import org.newswatch.ingest.publish.SeenStore;

/**
 * A FeedPoller with its stores in a folder, publishing to a broker; reopened to simulate a restart.
 */
final class PollerRig implements AutoCloseable {
  final KafkaBroker broker;
  final Topics topics;
  final Path dataDir;
  final FetchLimits limits;
  final HostGate politeness;
  final Producer<String, byte[]> producer;
  SeenStore seen;
  FeedStateStore states;
  HttpFetcher fetcher;
  FeedPoller poller;

  PollerRig(KafkaBroker broker, Path dataDir, FetchLimits limits) {
    this(broker, dataDir, limits, HostGate.DEFAULT_POLICY);
  }

  PollerRig(KafkaBroker broker, Path dataDir, FetchLimits limits, HostGate politeness) {
    this.politeness = politeness;
    this.broker = broker;
    this.topics = broker.newTopics();
    this.dataDir = dataDir;
    this.limits = limits;
    this.producer = new KafkaProducer<>(KafkaSettings.producer(broker.bootstrapServers(), "rig"));
    open();
  }

  private void open() {
    seen = SeenStore.open(dataDir);
    states = FeedStateStore.open(dataDir);
    fetcher =
        new HttpFetcher(new AddressGuard(true), limits, "https://example.org/contact", politeness);
    poller = pollerPublishingWith(producer);
  }

  /**
   * A poller on this rig's stores that publishes through another producer (one that cannot reach
   * Kafka, say).
   */
  FeedPoller pollerPublishingWith(Producer<String, byte[]> p) {
    IngestMetrics pollMetrics = new IngestMetrics(new SimpleMeterRegistry());
    ItemIngester ingester =
        new ItemIngester(
            fetcher,
            new ArticleExtractor(),
            new ArticlePublisher(p, topics.articles()),
            seen,
            pollMetrics,
            Clock.systemUTC());
    return new FeedPoller(
        fetcher, ingester, seen, states, new FeedStatusBoard(), pollMetrics, Clock.systemUTC());
  }

  /** Closes the stores and opens them again from disk, as a restarted service would. */
  void restart() {
    closeStores();
    open();
  }

  FeedStatus status(String feedId) {
    return poller.board().get(feedId).orElseThrow();
  }

  List<ConsumerRecord<String, Article>> published() {
    return Fixtures.articles(broker.bootstrapServers(), topics.articles());
  }

  private void closeStores() {
    fetcher.close();
    seen.close();
    states.close();
  }

  @Override
  public void close() {
    closeStores();
    producer.close();
  }
}
