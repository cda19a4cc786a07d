package org.newswatch.index.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium for the page tests: Debian's {@code chromium} and {@code chromium-driver},
 * nothing downloaded.
 */
public final class Chromium {
  static final Path BINARY = Path.of("/usr/bin/chromium");
  static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  private Chromium() {}

  /**
   * Whether the tests can run here: installed, or on CI, which installs them (so never skip there).
   */
  public static boolean available() {
    return (Files.isExecutable(BINARY) && Files.isExecutable(DRIVER))
        || System.getenv("CI") != null;
  }

  /** A new headless session; as root it needs no sandbox and no GPU. */
  public static WebDriver start(int width, int height) {
    System.setProperty("webdriver.chrome.driver", DRIVER.toString());
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BINARY.toString());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=" + width + "," + height);
    return new ChromeDriver(
        new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build(), options);
  }
}
