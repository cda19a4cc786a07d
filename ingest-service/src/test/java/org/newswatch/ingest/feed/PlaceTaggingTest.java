package org.newswatch.ingest.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.newswatch.common.model.Article;
import org.newswatch.common.model.Feed;
import org.newswatch.common.testing.KafkaBroker;
import org.newswatch.common.testing.KafkaBrokerExtension;
import org.newswatch.common.web.StaticHttpServer;
import org.newswatch.ingest.fetch.FetchLimits;

/** Each article published on news.articles carries the places its title and body name. */
@ExtendWith(KafkaBrokerExtension.class)
class PlaceTaggingTest {
  // Three items in three scripts; their pages are missing, so the feed's description is the body.
  // Hostile: the Urdu item says ضرورت مند ("needy": مند is also the town Mand) and the Persian one
  // سرباز ("soldier", also Sarbaz county); neither may become a place.
  private static final String FEED =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <rss version="2.0"><channel><title>t</title><link>http://x/</link><description>d</description>
      <item><title>Militants attack FC post in Panjgoor</title><link>%1$s/en.html</link><guid>en</guid>
        <description>Gunmen attacked a post near the Kech border; Quetta sent troops.</description></item>
      <item><title>پنجگور میں ایف سی کی چوکی پر حملہ</title><link>%1$s/ur.html</link><guid>ur</guid>
        <description>ضلع كيچ میں ضرورت مند خاندانوں کو امداد دی گئی</description></item>
      <item><title>حمله به مرزبانان در زاهدان</title><link>%1$s/fa.html</link><guid>fa</guid>
        <description>یک سرباز زخمی شد. استان سیستان و بلوچستان</description></item>
      <item><title>Weather in Karachi</title><link>%1$s/none.html</link><guid>none</guid>
        <description>Rain in Karachi and Lahore.</description></item>
      </channel></rss>""";

  @TempDir Path dataDir;
  private StaticHttpServer server;
  private PollerRig rig;

  @BeforeEach
  void setUp(KafkaBroker broker) {
    server = StaticHttpServer.start(0);
    server.put(
        "/feed.xml",
        FeedPollerTest.RSS,
        FEED.formatted(server.url("/a")).getBytes(StandardCharsets.UTF_8));
    rig = new PollerRig(broker, dataDir, FetchLimits.DEFAULT);
  }

  @AfterEach
  void tearDown() {
    rig.close();
    server.close();
  }

  @Test
  void eachPublishedArticleCarriesThePlacesItNamesInAnyScript() {
    rig.poller.poll(
        new Feed("mixed", server.url("/feed.xml"), "Mixed", "und", Duration.ofMinutes(5)));

    Map<String, List<String>> places =
        rig.published().stream()
            .map(ConsumerRecord::value)
            .collect(Collectors.toMap(Article::title, Article::places));
    assertEquals(
        Map.of(
            "Militants attack FC post in Panjgoor", List.of("pk-panjgur", "pk-kech", "pk-quetta"),
            "پنجگور میں ایف سی کی چوکی پر حملہ", List.of("pk-panjgur", "pk-kech"),
            "حمله به مرزبانان در زاهدان", List.of("ir-zahedan", "ir-sistan-baluchestan"),
            "Weather in Karachi", List.of()),
        places);
  }
}
