package org.newswatch.ingest.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.newswatch.common.kafka.KafkaSettings;
import org.newswatch.common.model.Feed;
import org.newswatch.common.testing.KafkaBroker;
import org.newswatch.common.testing.KafkaBrokerExtension;
import org.newswatch.common.web.StaticHttpServer;
import org.newswatch.ingest.Fixtures;
import org.newswatch.ingest.fetch.FetchLimits;
import org.newswatch.ingest.fetch.HostGate;

/** At least once into Kafka, and not again after a restart: the delivery promises of DESIGN.md. */
@ExtendWith(KafkaBrokerExtension.class)
class DeliveryTest {
  @TempDir Path dataDir;
  private StaticHttpServer server;
  private PollerRig rig;

  @BeforeEach
  void setUp(KafkaBroker broker) {
    server = StaticHttpServer.start(0);
    // No gap between requests: a thousand pages on one loopback host.
    rig = new PollerRig(broker, dataDir, FetchLimits.DEFAULT, new HostGate(4, Duration.ZERO));
  }

  @AfterEach
  void tearDown() {
    rig.close();
    server.close();
  }

  @Test
  void aRestartAfterAThousandItemsRepublishesNone() {
    StringBuilder xml =
        new StringBuilder(
            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>big</title>"
                + "<link>https://example.org/</link><description>d</description>");
    for (int i = 0; i < 1000; i++) {
      xml.append("<item><title>Story ")
          .append(i)
          .append("</title><link>/a/")
          .append(i)
          .append(".html?utm_source=rss</link><guid isPermaLink=\"false\">g-")
          .append(i)
          .append("</guid><description>Summary of story number ")
          .append(i)
          .append(", told in the feed.</description></item>");
    }
    server.put("/big.xml", "application/rss+xml", xml.append("</channel></rss>").toString());
    // No page exists: each article is its feed description (pages answer 404), which keeps this
    // test quick.
    Feed feed = new Feed("big", server.url("/big.xml"), "Big", "en", Duration.ofMinutes(5));

    assertEquals(1000, rig.poller.poll(feed).itemsNew());
    assertEquals(1000, rig.published().size());
    rig.restart();
    PollReport again = rig.poller.poll(feed);

    assertEquals(0, again.itemsNew());
    assertEquals(1000, rig.status("big").itemsUnchanged());
    assertEquals(1000, rig.published().size());
  }

  @Test
  void itemsKafkaDidNotTakeArePublishedAtTheNextPoll() {
    server
        .put("/feed.xml", "application/rss+xml", Fixtures.bytes("voa-rss2.xml"))
        .put("/articles/border-attack.html", "text/html", Fixtures.bytes("border-attack.html"))
        .put("/articles/cricket.html", "text/html", Fixtures.bytes("cricket.html"));
    Feed feed = new Feed("voa", server.url("/feed.xml"), "VOA", "en", Duration.ofMinutes(5));
    Properties unreachable = KafkaSettings.producer("127.0.0.1:1", "dead");
    unreachable.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 1_000);
    unreachable.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 1_500);
    unreachable.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 1_000);
    try (Producer<String, byte[]> dead = new KafkaProducer<>(unreachable)) {
      FeedPoller cutOff = rig.pollerPublishingWith(dead);
      PollReport report = cutOff.poll(feed);
      FeedStatus status = cutOff.board().get("voa").orElseThrow();
      assertTrue(report.error().contains("Kafka did not acknowledge"), report.error());
      assertEquals(
          1,
          status.itemsFailed(),
          "the first failure stops the poll: the rest wait for the next one");
      assertEquals(0, status.itemsNew());
    }
    assertNull(
        rig.states.get("voa", feed.url()).etag(),
        "nothing may make the next poll skip these items");
    assertEquals(0, rig.seen.size());

    assertEquals(2, rig.poller.poll(feed).itemsNew());
    assertEquals(2, rig.published().size());
  }
}
