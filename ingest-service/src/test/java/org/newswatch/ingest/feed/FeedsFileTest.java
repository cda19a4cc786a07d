package org.newswatch.ingest.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.newswatch.common.model.Feed;

class FeedsFileTest {

  private static List<Feed> parse(String yaml) {
    return FeedsFile.parse(yaml.getBytes(StandardCharsets.UTF_8), "test.yaml");
  }

  @Test
  void bundledDefaultListsVoaAndDunyaInEnglishUrduAndPersian() {
    List<Feed> feeds = FeedsFile.load(null);
    assertTrue(
        feeds.stream().anyMatch(f -> f.url().contains("voanews.com") && f.language().equals("en")));
    assertTrue(
        feeds.stream().anyMatch(f -> f.url().contains("urduvoa.com") && f.language().equals("ur")));
    assertTrue(
        feeds.stream()
            .anyMatch(f -> f.url().contains("ir.voanews.com") && f.language().equals("fa")));
    assertTrue(
        feeds.stream()
            .anyMatch(f -> f.url().contains("dunyanews.tv") && f.language().equals("en")));
    assertTrue(
        feeds.stream()
            .anyMatch(f -> f.url().contains("dunyanews.tv") && f.language().equals("ur")));
  }

  @Test
  void readsEveryField() {
    List<Feed> feeds =
        parse(
            """
        feeds:
          - id: a
            url: https://example.org/a.xml
            source: Example
            language: ur
            interval: 30s
          - id: b
            url: https://example.org/b.xml
        """);
    assertEquals(
        new Feed("a", "https://example.org/a.xml", "Example", "ur", Duration.ofSeconds(30)),
        feeds.get(0));
    assertEquals(Duration.ofMinutes(5), feeds.get(1).interval());
  }

  @Test
  void namesLineAndFieldOfABadInterval() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                parse(
                    """
        feeds:
          - id: a
            url: https://example.org/a.xml
          - id: b
            url: https://example.org/b.xml
            interval: often
        """));
    assertTrue(e.getMessage().contains("line 4"), e.getMessage());
    assertTrue(e.getMessage().contains("'interval'"), e.getMessage());
    assertTrue(e.getMessage().contains("feed #2 'b'"), e.getMessage());
  }

  @Test
  void namesAnUnknownField() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                parse(
                    """
        feeds:
          - id: a
            uri: https://example.org/a.xml
        """));
    assertTrue(e.getMessage().contains("unknown field 'uri'"), e.getMessage());
    assertTrue(e.getMessage().contains("line 2"), e.getMessage());
  }

  @Test
  void refusesMissingUrlDuplicateIdsAndBadUrls() {
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> parse("feeds:\n  - id: a\n"))
            .getMessage()
            .contains("'url' is required"));
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    parse(
                        "feeds:\n  - {id: a, url: 'https://e.org/1'}\n  - {id: a, url: 'https://e.org/2'}\n"))
            .getMessage()
            .contains("used twice"));
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> parse("feeds:\n  - {id: a, url: 'ftp://e.org/1'}\n"))
            .getMessage()
            .contains("http or https"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> parse("feedz: []\n"))
            .getMessage()
            .contains("unknown key 'feedz'"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> parse("feeds: [\n"))
            .getMessage()
            .contains("not valid YAML"));
  }
}
