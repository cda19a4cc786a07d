package org.newswatch.index.web;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.newswatch.common.config.ServiceContext;
import org.newswatch.common.model.Article;
import org.newswatch.common.testing.KafkaBroker;
import org.newswatch.common.testing.KafkaBrokerExtension;
import org.newswatch.index.IndexService;
import org.newswatch.index.indexing.ArticleBatch;
import org.newswatch.index.indexing.ArticleIndexer;
import org.newswatch.index.testing.HeadlessChromium;
import org.newswatch.index.testing.TestArticles;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The researchers' page on a large index (20,000 generated articles over 98 days, written straight
 * into the service's index folder before it starts): the total, the source and language facets and
 * the per-day timeline it shows are the counts of the articles that match, before and after
 * narrowing by a facet. Behaviour only; how fast is the bench's business.
 */
@Tag("slow")
@ExtendWith(KafkaBrokerExtension.class)
class LargeIndexPageBrowserTest {
  static final String ADMIN = "admin-key-for-tests-0123456789";
  static final int ARTICLES = 20_000;
  static final String[] SOURCES = {"VOA", "Dunya News", "Dawn", "BBC Urdu", "Radio Farda"};
  static final String[] LANGUAGES = {"en", "en", "en", "ur", "fa"};
  static List<Article> corpus;
  static IndexService service;
  static WebDriver browser;

  /**
   * Article {@code i}: one of five sources, 7 minutes before article {@code i - 1}; every third
   * about the border.
   */
  static Article generated(int i) {
    int s =
        (i * 7 + i / 5)
            % SOURCES.length; // not a plain i % 5: the facets then differ between queries
    String body =
        (i % 3 == 0 ? "Border crossing" : "Market prices")
            + " report number "
            + i
            + " from the field office.";
    return TestArticles.article(
        String.format(Locale.ROOT, "g%06d", i),
        "Report " + i,
        body,
        SOURCES[s],
        LANGUAGES[s],
        TestArticles.T0.minus(Duration.ofMinutes(7L * i)));
  }

  @BeforeAll
  static void start(KafkaBroker broker, @TempDir Path dir) {
    assumeTrue(HeadlessChromium.available(), "chromium and chromium-driver are not installed");
    corpus = new ArrayList<>(ARTICLES);
    for (int i = 0; i < ARTICLES; i++) {
      corpus.add(generated(i));
    }
    // Written directly, as a replica that has read the topic would hold it: much faster than
    // through Kafka, and the service takes over the folder as it stands.
    try (ArticleIndexer indexer = ArticleIndexer.open(dir.resolve("index"))) {
      for (int i = 0; i < ARTICLES; i += 10_000) {
        indexer.apply(ArticleBatch.of(corpus.subList(i, i + 10_000)));
      }
      indexer.commit();
    }
    service =
        IndexService.start(
            new ServiceContext(
                broker.bootstrapServers(), broker.newTopics(), dir, 0, true, ADMIN, null));
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> service.isReady() && service.documentCount() == ARTICLES);
    browser = HeadlessChromium.start();
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (service != null) {
      service.close();
    }
  }

  WebElement id(String id) {
    return browser.findElement(By.id(id));
  }

  @Test
  void showsTheTotalFacetsAndTimelineOfEveryMatch() {
    browser.get("http://127.0.0.1:" + service.port() + "/");
    id("key").sendKeys(ADMIN, Keys.TAB);
    id("q").sendKeys("border", Keys.ENTER);
    assertPageShows(a -> a.body().startsWith("Border"));

    // Narrow by the Persian facet's button, as a researcher would.
    browser
        .findElement(By.cssSelector("#facet-language button[data-value='fa']"))
        .sendKeys(Keys.ENTER);
    assertPageShows(a -> a.body().startsWith("Border") && a.language().equals("fa"));
  }

  void assertPageShows(Predicate<Article> matches) {
    List<Article> matching = corpus.stream().filter(matches).toList();
    String total = matching.size() + " articles match";
    await().atMost(Duration.ofSeconds(30)).until(() -> id("status").getText().startsWith(total));
    assertEquals(total + "; showing 20.", id("status").getText());

    assertEquals(counts(matching, Article::source), facet("facet-source"));
    assertEquals(counts(matching, Article::language), facet("facet-language"));

    TreeMap<LocalDate, Long> perDay =
        matching.stream()
            .collect(
                Collectors.groupingBy(
                    a -> LocalDate.ofInstant(a.publishedAt(), ZoneOffset.UTC),
                    TreeMap::new,
                    Collectors.counting()));
    long days = ChronoUnit.DAYS.between(perDay.firstKey(), perDay.lastKey()) + 1;
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> String.valueOf(days).equals(id("timeline").getAttribute("data-points")));
    // The table under the plot: one row per day, empty days as 0.
    // Read in one script: a WebDriver call per cell would be hundreds of round trips.
    @SuppressWarnings("unchecked")
    List<List<String>> rows =
        (List<List<String>>)
            ((JavascriptExecutor) browser)
                .executeScript(
                    "return [...document.querySelectorAll('#timeline-table tbody tr')].map(tr => [...tr.cells].map(td => td.textContent));");
    assertEquals(days, rows.size());
    Map<LocalDate, Long> table = new TreeMap<>();
    for (List<String> row : rows) {
      if (Long.parseLong(row.get(1)) > 0) {
        table.put(LocalDate.parse(row.get(0)), Long.parseLong(row.get(1)));
      }
    }
    assertEquals(perDay, table);
    assertEquals(
        Boolean.TRUE,
        ((JavascriptExecutor) browser)
            .executeScript("return !!document.querySelector('#timeline canvas');"));
  }

  /** What a facet list shows: value → count, in its order. */
  Map<String, Long> facet(String list) {
    Map<String, Long> shown = new LinkedHashMap<>();
    for (WebElement b : browser.findElements(By.cssSelector("#" + list + " button"))) {
      String text = b.getText(); // "Dunya News (4000)"
      int open = text.lastIndexOf(" (");
      shown.put(
          text.substring(0, open), Long.parseLong(text.substring(open + 2, text.length() - 1)));
    }
    return shown;
  }

  /**
   * Counts per value, most first, ties in value order (as the API lists them for these ASCII
   * values).
   */
  static Map<String, Long> counts(
      List<Article> articles, java.util.function.Function<Article, String> value) {
    Map<String, Long> counts = new LinkedHashMap<>();
    articles.stream()
        .collect(Collectors.groupingBy(value, Collectors.counting()))
        .entrySet()
        .stream()
        .sorted(
            Map.Entry.<String, Long>comparingByValue()
                .reversed()
                .thenComparing(Map.Entry.comparingByKey()))
        .forEach(e -> counts.put(e.getKey(), e.getValue()));
    return counts;
  }
}
