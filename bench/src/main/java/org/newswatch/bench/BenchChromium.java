package org.newswatch.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's {@code chromium} and {@code chromium-driver}, headless, for {@link PageBench}. Both are
 * named by path so that Selenium Manager never looks for (or downloads) a browser of its own.
 */
final class BenchChromium {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  private BenchChromium() {}

  static WebDriver start() {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(DRIVER)) {
      throw new IllegalStateException(
          "PageBench needs "
              + CHROMIUM
              + " and "
              + DRIVER
              + ": apt-get install -y chromium chromium-driver");
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toString());
    // As root in a container: no sandbox, no GPU, and /dev/shm may be tiny.
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1280,1000");
    ChromeDriver driver =
        new ChromeDriver(
            new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build(),
            options);
    // A search on a cold million-article index may take seconds; the service gives up at 5 s.
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
    return driver;
  }
}
