package org.newswatch.ingest.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.newswatch.ingest.Fixtures;

class FeedParserTest {
  private static final URI BASE = URI.create("https://news.example.org/feeds/latest.xml");
  private final FeedParser parser = new FeedParser();

  @Test
  void readsRss2WithRelativeLinksResolvedAndTtl() throws Exception {
    ParsedFeed feed = parser.parse(Fixtures.bytes("voa-rss2.xml"), "application/rss+xml", BASE);
    assertEquals("rss_2.0", feed.format());
    assertEquals(2, feed.items().size());
    FeedItem first = feed.items().get(0);
    assertEquals(
        "https://news.example.org/articles/border-attack.html?utm_source=rss&utm_medium=feed",
        first.link());
    assertEquals("Militants attack border post in Balochistan", first.title());
    assertEquals(Instant.parse("2026-11-27T08:30:00Z"), first.publishedAt());
    assertEquals(Duration.ofMinutes(15), feed.ttl());
  }

  @Test
  void readsAtom() throws Exception {
    ParsedFeed feed = parser.parse(Fixtures.bytes("atom.xml"), "application/atom+xml", BASE);
    assertEquals("atom_1.0", feed.format());
    FeedItem item = feed.items().get(0);
    assertEquals("https://news.example.org/articles/taftan.html", item.link());
    assertEquals("Staff reporter", item.authors().get(0));
    assertTrue(item.description().contains("Taftan"));
  }

  @Test
  void readsRss1AndRss091() throws Exception {
    assertEquals(
        "RSS 1.0 item",
        parser.parse(Fixtures.bytes("rss1.rdf"), null, BASE).items().get(0).title());
    ParsedFeed old = parser.parse(Fixtures.bytes("rss091.xml"), "text/xml", BASE);
    assertEquals("rss_0.91U", old.format());
    assertEquals("https://example.org/old", old.items().get(0).link());
  }

  @Test
  void rejectsFeedWithDoctypeAndExternalEntity() {
    byte[] xml =
        Fixtures.text("doctype-xxe.xml", "http://127.0.0.1:9").getBytes(StandardCharsets.UTF_8);
    FeedParseException e =
        assertThrows(
            FeedParseException.class, () -> parser.parse(xml, "application/rss+xml", BASE));
    assertTrue(e.getMessage().contains("DOCTYPE"), e.getMessage());
  }

  @Test
  void rejectsEntityExpansion() {
    FeedParseException e =
        assertThrows(
            FeedParseException.class,
            () -> parser.parse(Fixtures.bytes("billion-laughs.xml"), "text/xml", BASE));
    assertTrue(e.getMessage().contains("DOCTYPE"), e.getMessage());
  }

  @Test
  void keepsTheItemsOfMalformedXml() throws Exception {
    ParsedFeed feed = parser.parse(Fixtures.bytes("malformed.xml"), "text/xml", BASE);
    assertEquals("lenient", feed.format());
    assertEquals(2, feed.items().size());
    assertEquals("https://example.org/one", feed.items().get(0).link());
    assertTrue(feed.warnings().get(0).startsWith("malformed feed"), feed.warnings().toString());
  }

  @Test
  void dropsCharactersXmlForbids() throws Exception {
    ParsedFeed feed = parser.parse(Fixtures.bytes("invalid-chars.xml"), "text/xml", BASE);
    assertEquals("Item with  bell", feed.items().get(0).title());
    assertTrue(feed.warnings().get(0).contains("4 characters"), feed.warnings().toString());
  }

  @Test
  void namesAnHtmlPageServedInsteadOfAFeed() {
    FeedParseException e =
        assertThrows(
            FeedParseException.class,
            () -> parser.parse(Fixtures.bytes("not-a-feed.html"), "text/html", BASE));
    assertTrue(e.getMessage().contains("HTML page"), e.getMessage());
    assertTrue(e.getMessage().contains("https://news.example.org/rss/latest.xml"), e.getMessage());
  }

  @Test
  void decodesTheCharsetNamedByHttpWhenTheDocumentDoesNot() throws Exception {
    Charset arabic = Charset.forName("windows-1256");
    String xml =
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>t</title><link>https://example.org/</link>"
            + "<description>d</description><item><title>حمله در بلوچستان</title><link>https://example.org/u</link></item></channel></rss>";
    ParsedFeed feed = parser.parse(xml.getBytes(arabic), "text/xml; charset=windows-1256", BASE);
    assertEquals("حمله در بلوچستان", feed.items().get(0).title());
  }

  @Test
  void readsUtf8WhenTheServerNamesAWrongCharset() throws Exception {
    String xml =
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>t</title>"
            + "<link>https://example.org/</link><description>d</description><item><title>سیستان و بلوچستان</title>"
            + "<link>https://example.org/p</link></item></channel></rss>";
    // The XML declaration and the bytes agree on UTF-8; the header's ISO-8859-1 is wrong.
    ParsedFeed feed =
        parser.parse(
            xml.getBytes(StandardCharsets.UTF_8), "application/xml; charset=ISO-8859-1", BASE);
    assertNotNull(feed.items().get(0).title());
    assertFalse(feed.items().get(0).title().contains("Ø"), feed.items().get(0).title());
  }

  @Test
  void rejectsAnEmptyOrNonXmlBody() {
    assertThrows(FeedParseException.class, () -> parser.parse(new byte[0], "text/xml", BASE));
    assertThrows(
        FeedParseException.class,
        () ->
            parser.parse(
                "just text, no feed".getBytes(StandardCharsets.UTF_8), "text/plain", BASE));
  }

  @Test
  void findsTheWebSubHubAndSelfLinksOfAtomAndRss() throws Exception {
    String atom =
        "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>t</title><id>urn:x</id>"
            + "<updated>2026-11-27T10:00:00Z</updated><link rel=\"hub\" href=\"https://hub.example.org/\"/>"
            + "<link rel=\"self\" href=\"/feeds/atom.xml\"/></feed>";
    ParsedFeed a =
        parser.parse(atom.getBytes(StandardCharsets.UTF_8), "application/atom+xml", BASE);
    assertEquals("https://hub.example.org/", a.hub());
    assertEquals("https://news.example.org/feeds/atom.xml", a.self());
    ParsedFeed plain = parser.parse(Fixtures.bytes("voa-rss2.xml"), "application/rss+xml", BASE);
    assertEquals(null, plain.hub());
  }
}
