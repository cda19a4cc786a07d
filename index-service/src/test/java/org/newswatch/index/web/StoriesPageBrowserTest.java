package org.newswatch.index.web;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.newswatch.common.Json;
import org.newswatch.common.config.ServiceContext;
import org.newswatch.common.kafka.Topics;
import org.newswatch.common.model.Story;
import org.newswatch.common.testing.KafkaBroker;
import org.newswatch.common.testing.KafkaBrokerExtension;
import org.newswatch.common.testing.TopicRecords;
import org.newswatch.index.IndexService;
import org.newswatch.index.testing.Chromium;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/** Issue 12: the story list on the researchers' page, in real headless Chromium, by keyboard. */
@ExtendWith(KafkaBrokerExtension.class)
class StoriesPageBrowserTest {
  static final String ADMIN = "admin-key-for-tests-0123456789";
  static IndexService service;
  static WebDriver browser;

  @BeforeAll
  static void start(KafkaBroker broker, @TempDir Path dir) {
    assumeTrue(Chromium.available(), "chromium and chromium-driver are not installed");
    Topics topics = broker.newTopics();
    service =
        IndexService.start(
            new ServiceContext(broker.bootstrapServers(), topics, dir, 0, true, ADMIN, null));
    Story attack =
        StoryApiTest.story(
            "s-attack",
            30,
            StoryApiTest.member("a1", "en", "voa"),
            new Story.Member(
                "a2",
                "ur",
                "dunya",
                "پنجگور میں ایف سی کی چوکی پر حملہ",
                "https://dunya.example/a2",
                StoryApiTest.T0,
                StoryApiTest.T0),
            StoryApiTest.member("a3", "fa", "sharq"));
    Story rain = StoryApiTest.story("s-rain", 10, StoryApiTest.member("r1", "en", "voa"));
    for (Story s : List.of(rain, attack)) {
      TopicRecords.produce(broker.bootstrapServers(), topics.stories(), s.id(), Json.toBytes(s));
    }
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

  @Test
  void listsStoriesNewestFirstWithEveryReportAndItsLanguageByKeyboard() {
    browser.get("http://127.0.0.1:" + service.port() + "/");
    id("key").sendKeys(ADMIN, Keys.TAB);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              id("stories-load").sendKeys(Keys.ENTER);
              return browser.findElements(By.cssSelector("#stories > li")).size() == 2;
            });
    List<WebElement> items = browser.findElements(By.cssSelector("#stories > li"));
    assertEquals(
        List.of("s-attack", "s-rain"),
        items.stream().map(li -> li.getAttribute("data-id")).toList());
    WebElement attack = items.getFirst();
    assertEquals("Title a1", attack.findElement(By.cssSelector("h3")).getText());
    String meta = attack.findElement(By.cssSelector("p.meta")).getText();
    assertEquals(
        true, meta.startsWith("3 reports · languages: en, fa, ur · places: pk-panjgur"), meta);

    // Open the reports with the keyboard: each with its outlet and language, Urdu right to left.
    WebElement summary = attack.findElement(By.cssSelector("details summary"));
    summary.sendKeys(Keys.ENTER);
    List<WebElement> reports = attack.findElements(By.cssSelector("ol.members > li"));
    assertEquals(3, reports.size());
    assertEquals(
        "dunya · ur", reports.get(1).findElement(By.cssSelector("span.meta")).getText().strip());
    assertEquals("rtl", reports.get(1).findElement(By.cssSelector("a")).getCssValue("direction"));

    // Only stories with an Urdu report.
    new org.openqa.selenium.support.ui.Select(id("stories-lang")).selectByValue("ur");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> browser.findElements(By.cssSelector("#stories > li")).size() == 1);
    assertEquals(
        "s-attack", browser.findElement(By.cssSelector("#stories > li")).getAttribute("data-id"));
  }
}
