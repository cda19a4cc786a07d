package org.newswatch.ingest.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.newswatch.common.config.ServiceContext;
import org.newswatch.common.testing.KafkaBroker;
import org.newswatch.common.testing.KafkaBrokerExtension;
import org.newswatch.common.web.StaticHttpServer;
import org.newswatch.ingest.Fixtures;
import org.newswatch.ingest.IngestOptions;
import org.newswatch.ingest.IngestService;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The feeds page on ingest-service's port, in a real headless Chromium. */
@ExtendWith(KafkaBrokerExtension.class)
class FeedsPageTest {
  static final String ADMIN = "admin-key-0123456789abcdef";
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  @TempDir Path dir;
  private StaticHttpServer server;
  private IngestService service;
  private WebDriver browser;

  @AfterEach
  void tearDown() {
    if (browser != null) {
      browser.quit();
    }
    if (service != null) {
      service.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void showsEachFeedWithItsStatusAfterTheKeyIsGiven(KafkaBroker broker) throws Exception {
    assumeTrue(
        (Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER))
            || System.getenv("CI") != null /* CI installs them: never skip there */,
        "needs chromium and chromedriver");
    server = StaticHttpServer.start(0);
    server
        .put("/feed.xml", "application/rss+xml", Fixtures.bytes("voa-rss2.xml"))
        .put("/articles/border-attack.html", "text/html", Fixtures.bytes("border-attack.html"))
        .put("/articles/cricket.html", "text/html", Fixtures.bytes("cricket.html"));
    Files.writeString(
        dir.resolve("feeds.yaml"),
        """
        feeds:
          - {id: voa, url: "%s", source: VOA, language: en, interval: 1h}
          - {id: missing, url: "%s", source: "<b>Nowhere</b>", language: en, interval: 1h}
        """
            .formatted(server.url("/feed.xml"), server.url("/missing.xml")));
    ServiceContext ctx =
        new ServiceContext(
            broker.bootstrapServers(),
            broker.newTopics(),
            dir.resolve("data"),
            0,
            true,
            ADMIN,
            null);
    service =
        IngestService.start(
            ctx,
            dir.resolve("feeds.yaml"),
            IngestOptions.defaults().withInitialSpread(Duration.ZERO));
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                service.statuses().get("voa").map(s -> s.polls() > 0).orElse(false)
                    && service.statuses().get("missing").map(s -> s.polls() > 0).orElse(false));

    ChromeOptions options =
        new ChromeOptions()
            .setBinary(CHROMIUM.toFile())
            .addArguments(
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage");
    browser =
        new ChromeDriver(
            new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build(),
            options);
    browser.get("http://127.0.0.1:" + service.port() + "/");
    browser.findElement(By.id("key")).sendKeys(ADMIN);
    browser.findElement(By.cssSelector("#login button")).click();

    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    wait.until(d -> d.findElements(By.cssSelector("#feeds tbody tr")).size() == 2);
    List<WebElement> voa = browser.findElements(By.cssSelector("tr[data-feed='voa'] td"));
    assertEquals("voa", voa.get(0).getText());
    assertEquals("200", voa.get(4).getText());
    assertEquals("ok", voa.get(5).getText());
    assertEquals("2", voa.get(6).getText());
    List<WebElement> missing = browser.findElements(By.cssSelector("tr[data-feed='missing'] td"));
    assertEquals("404", missing.get(4).getText());
    assertEquals("HTTP 404", missing.get(11).getText());
    assertEquals(
        "<b>Nowhere</b>", missing.get(1).getText(), "feed text is shown as text, never as markup");
    assertTrue(browser.findElements(By.cssSelector("#feeds b")).isEmpty());
  }

  @Test
  void saysWhyWhenTheKeyIsWrong(KafkaBroker broker) throws Exception {
    assumeTrue(
        (Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER))
            || System.getenv("CI") != null /* CI installs them: never skip there */,
        "needs chromium and chromedriver");
    Files.writeString(dir.resolve("feeds.yaml"), "feeds:\n");
    ServiceContext ctx =
        new ServiceContext(
            broker.bootstrapServers(),
            broker.newTopics(),
            dir.resolve("data"),
            0,
            true,
            ADMIN,
            null);
    service = IngestService.start(ctx, dir.resolve("feeds.yaml"), IngestOptions.defaults());
    ChromeOptions options =
        new ChromeOptions()
            .setBinary(CHROMIUM.toFile())
            .addArguments(
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage");
    browser =
        new ChromeDriver(
            new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build(),
            options);
    browser.get("http://127.0.0.1:" + service.port() + "/");
    browser.findElement(By.id("key")).sendKeys("wrong-key");
    browser.findElement(By.cssSelector("#login button")).click();
    new WebDriverWait(browser, Duration.ofSeconds(30))
        .until(d -> d.findElement(By.id("message")).getText().contains("unknown"));
    assertTrue(browser.findElement(By.id("message")).getText().startsWith("Cannot list feeds"));
  }
}
