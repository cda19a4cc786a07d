package org.newswatch.index.web;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.newswatch.common.config.ServiceContext;
import org.newswatch.common.kafka.Topics;
import org.newswatch.common.model.Article;
import org.newswatch.common.testing.KafkaBroker;
import org.newswatch.common.testing.KafkaBrokerExtension;
import org.newswatch.index.IndexService;
import org.newswatch.index.testing.Chromium;
import org.newswatch.index.testing.TestArticles;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The researchers' page in real headless Chromium (Debian's {@code chromium} and {@code
 * chromium-driver}): search, filter by a facet, the timeline drawn, export, an Urdu article read
 * right-to-left, all by keyboard. Skipped where Chromium is not installed.
 */
@ExtendWith(KafkaBrokerExtension.class)
class ResearchPageBrowserTest {
  static final String ADMIN = "admin-key-for-tests-0123456789";
  static IndexService service;
  static WebDriver browser;

  @BeforeAll
  static void start(KafkaBroker broker, @TempDir Path dir) {
    assumeTrue(Chromium.available(), "chromium and chromium-driver are not installed");
    Topics topics = broker.newTopics();
    List<Article> corpus = new java.util.ArrayList<>();
    corpus.add(
        TestArticles.article(
            "en-border",
            "Border post attacked in Balochistan",
            "Militants attacked a Frontier Corps border post in Balochistan near the Iranian border.",
            "VOA",
            "en",
            TestArticles.T0));
    corpus.add(
        TestArticles.article(
            "ur-border",
            "بلوچستان میں سرحدی چوکی پر حملہ",
            "بلوچستان میں ایران کی سرحد کے قریب ایک چوکی پر حملہ ہوا۔",
            "Dunya News",
            "ur",
            TestArticles.T0.plus(Duration.ofDays(2))));
    corpus.add(
        TestArticles.article(
            "en-border-2",
            "Balochistan border crossing closed",
            "Authorities closed the Taftan crossing on the Balochistan border after the attack.",
            "Dunya News",
            "en",
            TestArticles.T0.plus(Duration.ofDays(3))));
    IntStream.range(0, 5).mapToObj(TestArticles::numbered).forEach(corpus::add);
    service =
        IndexService.start(
            new ServiceContext(broker.bootstrapServers(), topics, dir, 0, true, ADMIN, null));
    TestArticles.publish(broker.bootstrapServers(), topics, corpus);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> service.isReady() && service.documentCount() == corpus.size());

    browser = Chromium.start(1280, 1000);
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

  String status() {
    return id("status").getText();
  }

  @Test
  void searchFilterPlotExportAndReadRightToLeftByKeyboard() throws Exception {
    browser.get("http://127.0.0.1:" + service.port() + "/");
    // Keyboard only: type the key, tab on, type the query and press Enter.
    id("key").sendKeys(ADMIN, Keys.TAB);
    id("q").sendKeys("Balochistan", Keys.ENTER);
    await().atMost(Duration.ofSeconds(20)).until(() -> status().startsWith("3 articles match"));
    assertEquals(3, browser.findElements(By.cssSelector("#results > li")).size());
    assertTrue(
        id("results").getAttribute("innerHTML").contains("<mark>"), "snippets are highlighted");

    // The timeline is drawn: a canvas with one bar per day from the first to the last match.
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> "4".equals(id("timeline").getAttribute("data-points")));
    Object painted =
        ((JavascriptExecutor) browser)
            .executeScript(
                "const c = document.querySelector('#timeline canvas'); if (!c) return false;"
                    + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                    + "for (let i = 3; i < d.length; i += 4) { if (d[i] !== 0) return true; } return false;");
    assertEquals(Boolean.TRUE, painted, "the chart canvas has pixels");

    // Filter by the Urdu facet with the keyboard (focus the button, press Enter).
    WebElement urdu =
        browser.findElement(By.cssSelector("#facet-language button[data-value='ur']"));
    urdu.sendKeys(Keys.ENTER);
    await().atMost(Duration.ofSeconds(20)).until(() -> status().startsWith("1 articles match"));
    WebElement title = browser.findElement(By.cssSelector("#results > li h3"));
    assertEquals("rtl", title.getAttribute("dir"));
    assertEquals("ur", title.getAttribute("lang"));
    assertEquals(
        "rtl",
        browser.findElement(By.cssSelector("#results > li .snippet")).getCssValue("direction"));

    // Export what matches. The page's CSV is for a spreadsheet: it asks for the byte-order mark
    // that Excel needs to read Urdu (SearchApiTest checks the bytes; the page's CSP keeps a test
    // script from fetching the download itself, so the request is what is checked here).
    ((JavascriptExecutor) browser)
        .executeScript(
            "window.exportsAsked = []; const f = window.fetch;"
                + " window.fetch = (u, o) => { window.exportsAsked.push(String(u)); return f(u, o); };");
    id("export-csv").sendKeys(Keys.ENTER);
    await().atMost(Duration.ofSeconds(20)).until(() -> status().equals("Exported 1 rows (CSV)."));
    Object asked =
        ((JavascriptExecutor) browser).executeScript("return window.exportsAsked.join(' ');");
    assertTrue(
        asked.toString().matches("/api/export\\?\\S*format=csv&bom=true\\S*"), "asked: " + asked);

    // Open the article and read it right to left; Escape closes it.
    browser.findElement(By.cssSelector("#results > li .meta button")).sendKeys(Keys.ENTER);
    await().atMost(Duration.ofSeconds(10)).until(() -> id("article").getAttribute("open") != null);
    assertEquals("rtl", id("article-body").getAttribute("dir"));
    assertTrue(id("article-body").getText().contains("سرحد"));
    Files.createDirectories(Path.of("target"));
    Files.write(
        Path.of("target", "research-page.png"),
        ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    id("article-title").sendKeys(Keys.ESCAPE);
    await().atMost(Duration.ofSeconds(10)).until(() -> id("article").getAttribute("open") == null);

    // Clear the filter again by its facet button.
    browser
        .findElement(By.cssSelector("#facet-language button[data-value='ur']"))
        .sendKeys(Keys.ENTER);
    await().atMost(Duration.ofSeconds(20)).until(() -> status().startsWith("3 articles match"));
    Files.write(
        Path.of("target", "research-page-results.png"),
        ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
  }
}
