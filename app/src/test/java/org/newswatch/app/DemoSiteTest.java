package org.newswatch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newswatch.common.config.Env;
import org.newswatch.common.model.Feed;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The demo's sample sites: well-formed feeds whose every link is served, in three languages. */
class DemoSiteTest {
  private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
  private final HttpClient client = HttpClient.newHttpClient();

  @TempDir Path data;

  @Test
  void servesThreeFeedsWhoseItemsLinkToServedPagesInThreeLanguages() throws Exception {
    try (DemoSite site = DemoSite.start(data, Clock.fixed(NOW, ZoneOffset.UTC))) {
      Map<String, Integer> languages = new HashMap<>();
      List<String> links = new ArrayList<>();
      for (String feedUrl : site.feedUrls()) {
        Document feed = xml(get(feedUrl).body());
        boolean atom = feed.getDocumentElement().getTagName().equals("feed");
        NodeList entries = feed.getElementsByTagName(atom ? "entry" : "item");
        for (int i = 0; i < entries.getLength(); i++) {
          Element entry = (Element) entries.item(i);
          String link =
              atom
                  ? ((Element) entry.getElementsByTagName("link").item(0)).getAttribute("href")
                  : entry.getElementsByTagName("link").item(0).getTextContent();
          links.add(link);
        }
      }
      assertEquals(15, links.size(), "articles in the three feeds");
      for (String link : links) {
        HttpResponse<String> page = get(link);
        assertEquals(200, page.statusCode(), link);
        assertFalse(page.body().contains("{{"), "placeholders filled in " + link);
        String lang = page.body().replaceFirst("(?s).*<html lang=\"([a-z]+)\".*", "$1");
        languages.merge(lang, 1, Integer::sum);
      }
      assertTrue(languages.getOrDefault("ur", 0) >= 2, languages::toString);
      assertTrue(languages.getOrDefault("fa", 0) >= 2, languages::toString);
      assertTrue(languages.getOrDefault("en", 0) >= 6, languages::toString);
    }
  }

  @Test
  void itemsAreDatedRelativeToNow() throws Exception {
    try (DemoSite site = DemoSite.start(data, Clock.fixed(NOW, ZoneOffset.UTC))) {
      String rss = get(site.url("/feeds/voa.rss")).body();
      // The first VOA item is two hours old, whenever the demo runs.
      assertTrue(rss.contains("<pubDate>Sat, 28 Nov 2026 10:00:00 GMT</pubDate>"), rss);
      String atom = get(site.url("/feeds/sharq-persian.atom")).body();
      assertTrue(atom.contains("<published>2026-11-28T09:00:00Z</published>"), atom);
    }
  }

  @Test
  void writesAFeedsFileOfValidFeedsPointingAtTheSite() throws Exception {
    try (DemoSite site = DemoSite.start(data, Clock.fixed(NOW, ZoneOffset.UTC))) {
      Path file = site.writeFeedsFile(data.resolve("feeds.yaml"));
      JsonNode feeds = new ObjectMapper(new YAMLFactory()).readTree(file.toFile()).path("feeds");
      assertEquals(3, feeds.size());
      for (JsonNode f : feeds) {
        Feed feed =
            new Feed(
                f.path("id").asText(),
                f.path("url").asText(),
                f.path("source").asText(),
                f.path("language").asText(),
                Env.parseDuration(f.path("interval").asText()));
        assertEquals(200, get(feed.url()).statusCode(), feed.url());
      }
    }
  }

  @Test
  void reusesItsPortOnTheSameDataFolderSoArticleUrlsStayTheSame() {
    int first;
    try (DemoSite site = DemoSite.start(data, Clock.systemUTC())) {
      first = URI.create(site.url("/")).getPort();
    }
    try (DemoSite site = DemoSite.start(data, Clock.systemUTC())) {
      assertEquals(first, URI.create(site.url("/")).getPort());
      // A second demo while this one runs gets another port, and does not make it the remembered
      // one.
      try (DemoSite concurrent = DemoSite.start(data, Clock.systemUTC())) {
        assertNotEquals(first, URI.create(concurrent.url("/")).getPort());
      }
    }
    try (DemoSite site = DemoSite.start(data, Clock.systemUTC())) {
      assertEquals(first, URI.create(site.url("/")).getPort());
    }
  }

  private HttpResponse<String> get(String url) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static Document xml(String text) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory
        .newDocumentBuilder()
        .parse(new ByteArrayInputStream(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }
}
