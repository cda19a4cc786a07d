package org.newswatch.index.web;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The map of matches on the researchers' page, in real headless Chromium: the outline drawn from
 * the bundled GeoJSON, a dot per place sized by its count and placed where the place is, a click
 * filtering by the place, Enter on the chosen dot clearing it. Skipped where Chromium is not
 * installed (never on CI).
 */
@ExtendWith(KafkaBrokerExtension.class)
class PlaceMapBrowserTest {
  static final String ADMIN = ResearchPageBrowserTest.ADMIN;
  static IndexService service;
  static WebDriver browser;

  @BeforeAll
  static void start(KafkaBroker broker, @TempDir Path dir) {
    assumeTrue(Chromium.available(), "chromium and chromium-driver are not installed");
    Topics topics = broker.newTopics();
    List<Article> corpus =
        List.of(
            TestArticles.placed(
                "en-p1",
                "Militants attack FC post in Panjgur",
                "Gunmen attacked the post at night.",
                "VOA",
                "en",
                TestArticles.T0),
            TestArticles.placed(
                "ur-p2",
                "پنجگور میں ایف سی کی چوکی پر حملہ",
                "مسلح افراد نے حملہ کیا۔",
                "Dunya News",
                "ur",
                TestArticles.T0.plusSeconds(60)),
            TestArticles.placed(
                "en-p3",
                "Panjgur and Kech on alert",
                "Security was raised after the attack.",
                "VOA",
                "en",
                TestArticles.T0.plusSeconds(120)),
            TestArticles.placed(
                "fa-z",
                "انفجار در زاهدان",
                "یک انفجار در مرکز شهر رخ داد.",
                "VOA",
                "fa",
                TestArticles.T0.plusSeconds(180)),
            TestArticles.placed(
                "en-q",
                "Protest in Quetta",
                "Traders protested the closure of the crossing.",
                "VOA",
                "en",
                TestArticles.T0.plusSeconds(240)),
            TestArticles.placed(
                "en-none",
                "Markets steady",
                "Prices held.",
                "VOA",
                "en",
                TestArticles.T0.plusSeconds(300)));
    service =
        IndexService.start(
            new ServiceContext(broker.bootstrapServers(), topics, dir, 0, true, ADMIN, null));
    TestArticles.publish(broker.bootstrapServers(), topics, corpus);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> service.isReady() && service.documentCount() == corpus.size());

    browser = Chromium.start(1280, 1400);
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

  WebElement dot(String place) {
    return browser.findElement(By.cssSelector("#place-map g[data-place='" + place + "']"));
  }

  double attr(WebElement dot, String name) {
    return Double.parseDouble(dot.findElement(By.tagName("circle")).getAttribute(name));
  }

  @Test
  void mapDrawsTheRegionAndADotPerPlaceSizedByMatchesAndAClickFiltersByThePlace() throws Exception {
    browser.get("http://127.0.0.1:" + service.port() + "/");
    id("key").sendKeys(ADMIN, Keys.TAB);
    id("q").sendKeys(Keys.ENTER);
    await().atMost(Duration.ofSeconds(20)).until(() -> status().startsWith("6 articles match"));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> "4".equals(id("place-map").getAttribute("data-dots")));

    // The outline: three borders and the two provinces, from the GeoJSON in the jar, with real size
    // on screen.
    assertEquals(3, browser.findElements(By.cssSelector("#place-map path.border")).size());
    assertEquals(2, browser.findElements(By.cssSelector("#place-map path.province")).size());
    WebElement svg = browser.findElement(By.cssSelector("#place-map svg"));
    assertTrue(
        svg.getSize().getWidth() > 300 && svg.getSize().getHeight() > 200,
        svg.getSize().toString());

    // Sized by count (area ∝ articles), and where the places are: Zahedan west of Panjgur, Quetta
    // north of it.
    WebElement panjgur = dot("pk-panjgur");
    WebElement zahedan = dot("ir-zahedan");
    WebElement quetta = dot("pk-quetta");
    assertEquals("3", panjgur.getAttribute("data-count"));
    assertTrue(attr(panjgur, "r") > attr(zahedan, "r"), "3 articles draw a larger dot than 1");
    assertTrue(attr(zahedan, "cx") < attr(panjgur, "cx"), "Zahedan is west of Panjgur");
    assertTrue(attr(quetta, "cy") < attr(panjgur, "cy"), "Quetta is north of Panjgur");
    assertEquals("Panjgur: 3 articles", panjgur.getAttribute("aria-label"));
    // The place facet lists the same counts by name.
    assertTrue(id("facet-place").getText().contains("Panjgur (3)"), id("facet-place").getText());

    // A click on the dot filters by the place: the three Panjgur articles, in English and Urdu.
    panjgur.findElement(By.tagName("circle")).click();
    await().atMost(Duration.ofSeconds(20)).until(() -> status().startsWith("3 articles match"));
    assertEquals("pk-panjgur", id("place").getAttribute("value"));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> dot("pk-panjgur").getAttribute("class").contains("selected"));
    assertEquals(3, browser.findElements(By.cssSelector("#results > li")).size());
    Files.createDirectories(Path.of("target"));
    Files.write(
        Path.of("target", "place-map.png"),
        ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));

    // Keyboard: Enter on the chosen dot clears the filter again.
    dot("pk-panjgur").sendKeys(Keys.ENTER);
    await().atMost(Duration.ofSeconds(20)).until(() -> status().startsWith("6 articles match"));
    assertEquals("", id("place").getAttribute("value"));
  }
}
