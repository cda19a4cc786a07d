package org.newswatch.ingest.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.newswatch.ingest.RealWorld;

/**
 * The parser on four real feeds (issue 17), read from {@code ../shared/realworld/feeds} beside the
 * checkout (skipped where absent). The expected counts, links and times were read off each file by
 * hand; the times are the feed's own, with its offset applied (VOA writes -0400, BBC Urdu's Atom
 * +05:00, the others GMT or Z).
 */
class RealFeedsTest {
  private final FeedParser parser = new FeedParser();

  private ParsedFeed parse(String file, String url) throws Exception {
    return parser.parse(
        Files.readAllBytes(RealWorld.feeds().resolve(file)), "application/xml", URI.create(url));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      voa-urdu-zoot_egkty-2014.xml   | rss_2.0  | 20 | http://www.urduvoa.com/content/majority-favors-joining-russia-in-crimea-referendum-16mar2014/1872523.html | 2014-03-16T21:51:37Z | http://www.urduvoa.com/content/solution-of-drought/1872010.html | 2014-03-15T16:40:40Z
      bbc-urdu-atom-2014.xml         | atom_1.0 | 53 | http://www.bbc.co.uk/urdu/world/2014/03/140316_missing_malaysia_plane_pilot_mb.shtml | 2014-03-16T08:22:25Z | http://www.bbc.co.uk/academy/urdu | 2013-08-23T14:35:23Z
      bbc-urdu-rss-2018-miniflux.xml | rss_2.0  | 26 | http://www.bbc.com/urdu/pakistan-42575603 | 2018-01-05T16:51:00Z | http://www.bbc.com/urdu/pakistan-42422392 | 2017-12-20T12:23:23Z
      aljazeera-america-2016.xml     | rss_2.0  | 50 | http://america.aljazeera.com/articles/2016/2/26/goodnight-and-good-luck.html | 2016-02-26T16:00:00Z | http://america.aljazeera.com/articles/2016/2/23/presumed-dead-wild-atlantic-salmon-return-to-connecticut-river.html | 2016-02-23T10:00:00Z
      """)
  void everyItemWithItsLinkAndDate(
      String file,
      String format,
      int count,
      String firstLink,
      String firstDate,
      String lastLink,
      String lastDate)
      throws Exception {
    ParsedFeed feed = parse(file, "http://feeds.realworld.test/" + file);
    assertEquals(format, feed.format());
    assertEquals(List.of(), feed.warnings());
    assertEquals(count, feed.items().size(), "items");
    for (FeedItem item : feed.items()) {
      assertNotNull(item.publishedAt(), "no date: " + item.link());
      assertTrue(
          item.link().startsWith("http://") && !item.link().contains("feeds.realworld.test"),
          item.link());
      assertFalse(item.title().isBlank() || item.title().contains("\r"), item.title());
    }
    assertEquals(firstLink, feed.items().get(0).link());
    assertEquals(Instant.parse(firstDate), feed.items().get(0).publishedAt());
    assertEquals(lastLink, feed.items().get(count - 1).link());
    assertEquals(Instant.parse(lastDate), feed.items().get(count - 1).publishedAt());
  }

  @Test
  void voaCrlfFeedKeepsTheEscapeWrittenInsideCdata() throws Exception {
    // CRLF line ends, <rss> on the XML declaration's line, and "&#39;" inside CDATA: CDATA is
    // character data, so the six characters stay as written (they are not an apostrophe).
    ParsedFeed feed =
        parse("voa-urdu-zoot_egkty-2014.xml", "http://www.urduvoa.com/api/zoot_egkty");
    FeedItem nigeria = feed.items().get(2);
    assertEquals(
        "http://www.urduvoa.com/content/hundred-killed-in-central-nigeria-attack-16mar2014/1872468.html",
        nigeria.link());
    assertEquals("نائجیریا میں دیہات پر حملے، 100 افراد ہلاک", nigeria.title());
    assertEquals(Instant.parse("2014-03-16T19:16:00Z"), nigeria.publishedAt());
    assertTrue(
        nigeria.description().startsWith("انسانی حقوق کی تنظیم &#39;ہیومن رائٹس واچ&#39; کے مطابق"),
        nigeria.description());
    assertFalse(feed.items().stream().anyMatch(i -> i.description().contains("\r")));
    assertEquals(Duration.ofMinutes(60), feed.ttl());
  }

  @Test
  void bbcAtomLinkIsTheAlternateNotItsNestedMobileLinkOrImages() throws Exception {
    // Each entry's <link rel="alternate"> holds an xhtml:link to the mobile page and a
    // media:content
    // with <img> elements; a rel="related" link follows it.
    ParsedFeed feed = parse("bbc-urdu-atom-2014.xml", "http://www.bbc.co.uk/urdu/index.xml");
    for (FeedItem item : feed.items()) {
      assertFalse(
          item.link().contains("/mobile/")
              || item.link().contains("wscdn")
              || item.link().endsWith(".jpg"),
          item.link());
      assertTrue(item.guid().startsWith("tag:www.bbcurdu.com,"), item.guid());
      assertFalse(item.updatedAt().isBefore(item.publishedAt()), item.link());
    }
    FeedItem first = feed.items().get(0);
    assertEquals(Instant.parse("2014-03-16T15:53:11Z"), first.updatedAt()); // 20:53:11+05:00
    assertEquals("قزاقستان سے بحرِ ہند تک لاپتہ طیارے کی تلاش جاری", first.title());
  }

  @Test
  void bbcRss2018KeepsDocumentOrderAndItemHosts() throws Exception {
    // Items are not newest first (the second is the newest) and link to www.bbc.com while the
    // channel links to www.bbcurdu.com; <language> is wrapped in CDATA.
    ParsedFeed feed =
        parse("bbc-urdu-rss-2018-miniflux.xml", "http://feeds.bbci.co.uk/urdu/rss.xml");
    assertEquals(Instant.parse("2018-01-11T13:20:55Z"), feed.items().get(1).publishedAt());
    assertTrue(
        feed.items().stream().allMatch(i -> i.link().startsWith("http://www.bbc.com/urdu/")));
    assertTrue(feed.items().stream().allMatch(i -> i.link().equals(i.guid())));
    assertEquals(Duration.ofMinutes(15), feed.ttl());
  }

  @Test
  void alJazeeraDateIsThePubDateThatDcDateRepeats() throws Exception {
    // Both <pubDate> (RFC 822, GMT) and <dc:date> (ISO 8601, Z) on every item; they agree here.
    ParsedFeed feed =
        parse(
            "aljazeera-america-2016.xml", "http://america.aljazeera.com/content/ajam/articles.rss");
    FeedItem rwanda = feed.items().get(1);
    assertEquals(
        "http://america.aljazeera.com/articles/2016/2/25/a-long-road-to-reintegration-for-rwandan-ex-combatants.html",
        rwanda.link());
    assertEquals(Instant.parse("2016-02-26T00:00:00Z"), rwanda.publishedAt());
    assertEquals(Instant.parse("2016-02-25T21:00:00Z"), feed.items().get(2).publishedAt());
  }
}
