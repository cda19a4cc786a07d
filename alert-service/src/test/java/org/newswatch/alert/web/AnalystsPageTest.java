package org.newswatch.alert.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.newswatch.alert.AlertSettings;
import org.newswatch.alert.ServiceFixture;
import org.newswatch.alert.TestArticles;
import org.newswatch.common.Json;
import org.newswatch.common.testing.KafkaBroker;
import org.newswatch.common.testing.KafkaBrokerExtension;
import org.newswatch.common.web.StaticHttpServer;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The analysts' page in a real headless Chromium: sign in, preview and create a subscription, see
 * an alert arrive live, judge it not relevant and take that back (issue 16).
 */
@ExtendWith(KafkaBrokerExtension.class)
class AnalystsPageTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  @TempDir Path dataDir;
  private ServiceFixture fx;
  private WebDriver driver;
  private StaticHttpServer index;

  @AfterEach
  void stop() {
    if (driver != null) {
      driver.quit();
    }
    if (fx != null) {
      fx.close();
    }
    if (index != null) {
      index.close();
    }
  }

  @Test
  void signInCreateSubscriptionAndSeeAnAlertArriveLive(KafkaBroker broker) throws Exception {
    assumeTrue(
        (Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER))
            || System.getenv("CI") != null /* CI installs them: never skip there */,
        "needs chromium and chromedriver (apt-get install chromium chromium-driver)");
    // index-service, as far as the preview sees it: a loopback JSON-lines export of one article.
    index =
        StaticHttpServer.start(0)
            .put(
                "/api/export",
                "application/x-ndjson",
                Json.toString(TestArticles.BORDER_ATTACK_EN) + "\n");
    fx = new ServiceFixture(broker, dataDir);
    fx.settings =
        new AlertSettings(Optional.empty(), URI.create("http://127.0.0.1:" + index.port()));
    fx.start();
    String key = fx.newAnalyst("Browser");

    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1280,900");
    driver =
        new ChromeDriver(
            new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build(),
            options);
    WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));

    driver.get("http://127.0.0.1:" + fx.service.port() + "/");
    driver.findElement(By.id("key")).sendKeys(key);
    driver.findElement(By.cssSelector("#signin-form button")).click();
    wait.until(d -> d.findElement(By.id("app")).isDisplayed());

    driver.findElement(By.id("sub-name")).sendKeys("Panjgur watch");
    driver.findElement(By.id("sub-query")).sendKeys("panjgur AND (attack OR militants)");
    driver.findElement(By.id("sub-preview")).click();
    wait.until(
        d ->
            d.findElement(By.id("preview-summary")).getText().startsWith("1 of 1 recent articles"));
    WebElement previewed = driver.findElement(By.cssSelector("#preview li.alert"));
    assertEquals(
        TestArticles.BORDER_ATTACK_EN.url(),
        previewed.findElement(By.tagName("a")).getAttribute("href"));
    assertTrue(
        previewed.findElements(By.tagName("mark")).stream()
            .anyMatch(m -> m.getText().equals("Panjgur")),
        previewed.getText());
    assertEquals(
        "why: panjgur; (attack OR militants)",
        previewed.findElement(By.cssSelector(".why")).getText());
    driver.findElement(By.id("sub-save")).click();
    wait.until(d -> d.findElement(By.id("subs")).getText().contains("Panjgur watch"));
    wait.until(d -> d.findElement(By.id("live")).getText().equals("live"));

    fx.publish(TestArticles.BORDER_ATTACK_EN);
    WebElement alert =
        new WebDriverWait(driver, Duration.ofSeconds(60))
            .until(
                d ->
                    d.findElements(By.cssSelector("li.alert.new")).stream()
                        .findFirst()
                        .orElse(null));
    assertTrue(alert.getText().contains(TestArticles.BORDER_ATTACK_EN.title()), alert.getText());
    List<String> marked =
        alert.findElements(By.tagName("mark")).stream().map(WebElement::getText).toList();
    assertTrue(marked.contains("Panjgur") || marked.contains("attacked"), marked.toString());
    assertEquals(
        "why: panjgur; (attack OR militants)", alert.findElement(By.cssSelector(".why")).getText());
    assertEquals(
        TestArticles.BORDER_ATTACK_EN.url(),
        alert.findElement(By.tagName("a")).getAttribute("href"));

    // Issue 16: the analyst judges the alert not relevant; the page, the API and the precision say
    // so.
    String alertId = alert.getAttribute("data-id");
    String subscriptionId =
        fx.api.get("/api/subscriptions", key).json().get("items").get(0).get("id").asText();
    WebElement judge = alert.findElement(By.cssSelector("button.judge"));
    assertEquals("Not relevant", judge.getText());
    judge.click();
    wait.until(
        d ->
            alert.getAttribute("class").contains("not-relevant")
                && judge.getText().equals("Relevant after all"));
    wait.until(
        d ->
            d.findElement(By.cssSelector("#subs .precision"))
                .getText()
                .equals("precision 0% · 1 alert, 1 judged, 1 not relevant"));
    assertEquals(
        1,
        fx.api
            .get("/api/subscriptions/" + subscriptionId, key)
            .json()
            .get("precision")
            .get("notRelevant")
            .asInt());
    // After a reload the judgement comes from the server (GET /api/alerts), and can be taken back.
    driver.navigate().refresh();
    WebElement reloaded =
        wait.until(
            d ->
                d.findElements(By.cssSelector("li.alert[data-id='" + alertId + "']")).stream()
                    .findFirst()
                    .orElse(null));
    assertTrue(
        reloaded.getAttribute("class").contains("not-relevant"), reloaded.getAttribute("class"));
    reloaded.findElement(By.cssSelector("button.judge")).click();
    wait.until(
        d ->
            !reloaded.getAttribute("class").contains("not-relevant")
                && reloaded
                    .findElement(By.cssSelector("button.judge"))
                    .getText()
                    .equals("Not relevant"));
    wait.until(
        d ->
            d.findElement(By.cssSelector("#subs .precision"))
                .getText()
                .equals("precision 100% · 1 alert, 1 judged, 0 not relevant"));
    assertEquals(
        "relevant",
        fx.api
            .get("/api/alerts?subscription=" + subscriptionId, key)
            .json()
            .get("items")
            .get(0)
            .get("feedback")
            .get("judgement")
            .asText());

    // A bad query is refused with the server's reason shown.
    driver.findElement(By.id("sub-name")).sendKeys("broken");
    driver.findElement(By.id("sub-query")).sendKeys("(panjgur AND");
    driver.findElement(By.id("sub-save")).click();
    wait.until(d -> d.findElement(By.id("sub-error")).getText().contains("query cannot be parsed"));

    Path shot = Path.of("target", "analysts-page.png");
    Files.createDirectories(shot.getParent());
    Files.write(shot, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
  }

  @Test
  void laterReportsOfAnAlertedStoryAreListedUnderItsAlert(KafkaBroker broker) throws Exception {
    assumeTrue(
        (Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER)) || System.getenv("CI") != null,
        "needs chromium and chromedriver");
    fx = new ServiceFixture(broker, dataDir).start();
    String key = fx.newAnalyst("Stories");
    assertEquals(
        201,
        fx.api
            .post(
                "/api/subscriptions",
                key,
                java.util.Map.of("name", "Attacks", "query", "attack OR attacked OR حملہ"))
            .status());
    org.newswatch.common.model.Article en = TestArticles.BORDER_ATTACK_EN.withStoryId("story-1");
    org.newswatch.common.model.Article ur = TestArticles.BORDER_ATTACK_UR.withStoryId("story-1");
    fx.publish(en);
    fx.awaitAllConsumed();
    fx.publish(ur);
    fx.awaitAllConsumed();
    org.newswatch.common.model.Story story =
        new org.newswatch.common.model.Story(
            org.newswatch.common.model.Story.SCHEMA,
            "story-1",
            List.of(
                org.newswatch.common.model.Story.Member.of(en),
                org.newswatch.common.model.Story.Member.of(ur)),
            2,
            List.of("en", "ur"),
            List.of(),
            en.fetchedAt(),
            ur.fetchedAt());
    org.newswatch.common.testing.TopicRecords.produce(
        fx.bootstrap, fx.topics.stories(), "story-1", Json.toBytes(story));

    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1280,900");
    driver =
        new ChromeDriver(
            new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build(),
            options);
    WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    // The story record may reach the service after the first load: reload until the alert lists it.
    WebElement later =
        new WebDriverWait(driver, Duration.ofSeconds(60))
            .until(
                d -> {
                  d.get("http://127.0.0.1:" + fx.service.port() + "/");
                  d.findElement(By.id("key")).sendKeys(key);
                  d.findElement(By.cssSelector("#signin-form button")).click();
                  wait.until(w -> w.findElement(By.id("app")).isDisplayed());
                  wait.until(w -> !w.findElements(By.cssSelector("li.alert")).isEmpty());
                  return d.findElements(By.cssSelector("li.alert details.later")).stream()
                      .findFirst()
                      .orElse(null);
                });
    assertEquals(
        1, driver.findElements(By.cssSelector("li.alert")).size(), "one alert for the story");
    WebElement summary = later.findElement(By.tagName("summary"));
    assertEquals("also reported: 1 later report", summary.getText());
    summary.click();
    WebElement report = later.findElement(By.cssSelector("li"));
    assertEquals(ur.url(), report.findElement(By.tagName("a")).getAttribute("href"));
    assertEquals("test-outlet · ur", report.findElement(By.cssSelector(".meta")).getText().strip());
  }
}
