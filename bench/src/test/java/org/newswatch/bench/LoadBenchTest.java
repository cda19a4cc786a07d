package org.newswatch.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoadBenchTest {
  @Test
  void defaultsAreTheIssuesFullSize() {
    LoadBench.Options d = LoadBench.Options.parse(new String[] {"--load"});
    assertEquals(3, d.minutes());
    assertEquals(10_000, d.feeds());
    assertEquals(100, d.subscriptions());
    assertEquals(Duration.ofMinutes(2), d.gap());
    assertFalse(d.embeddedKafka());
    assertEquals(List.of(), d.javaOpts());
    assertEquals(10_000 / 120.0, d.publishedPerSecond(), 1e-9);
  }

  @Test
  void flagsAndTheirErrors() {
    LoadBench.Options o =
        LoadBench.Options.parse(
            new String[] {
              "--load",
              "--load-minutes",
              "5",
              "--load-feeds",
              "2,000",
              "--load-subscriptions",
              "10",
              "--load-gap",
              "60",
              "--load-app-jar",
              "/tmp/x.jar",
              "--load-embedded-kafka",
              "--load-java-opts",
              " -Xmx1g  -XX:+UseSerialGC"
            });
    assertEquals(List.of("-Xmx1g", "-XX:+UseSerialGC"), o.javaOpts());
    assertEquals(5, o.minutes());
    assertEquals(2_000, o.feeds());
    assertEquals(10, o.subscriptions());
    assertEquals(Duration.ofSeconds(60), o.gap());
    assertEquals(Path.of("/tmp/x.jar"), o.appJar());
    assertTrue(o.embeddedKafka());
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> LoadBench.Options.parse(new String[] {"--load-feeds", "many"}))
            .getMessage()
            .contains("--load-feeds needs a whole number"));
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> LoadBench.Options.parse(new String[] {"--load-minutes"}))
            .getMessage()
            .contains("needs a value"));
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> LoadBench.Options.parse(new String[] {"--articles", "5"}))
            .getMessage()
            .contains("unknown flag"));
    assertThrows(
        IllegalArgumentException.class,
        () -> LoadBench.Options.parse(new String[] {"--load-gap", "5"}));
    assertThrows(
        IllegalArgumentException.class,
        () -> LoadBench.Options.parse(new String[] {"--load-items", "2"}));
  }

  @Test
  void loadFlagsWithoutLoadAreRefusedByTheOtherBenches() {
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> BenchMain.Options.parse(new String[] {"--load-minutes", "3"}))
            .getMessage()
            .contains("add --load"));
  }

  /**
   * Latency counts only alerts of items first served inside the window, from that moment; other
   * URLs are counted apart.
   */
  @Test
  void latenciesOfTheWindowsItemsOnly() {
    long start = 1_000_000;
    long end = 2_000_000;
    Map<Long, Long> served =
        Map.of(
            key(1, 5), start + 100, // in the window
            key(2, 7), start - 1, // the warm-up's
            key(3, 9), end + 1); // after the window
    List<AlertStreamReader.Arrival> arrivals =
        List.of(
            new AlertStreamReader.Arrival("a", 1, 5, start + 400),
            new AlertStreamReader.Arrival("b", 2, 7, start + 500),
            new AlertStreamReader.Arrival("c", 3, 9, end + 50),
            new AlertStreamReader.Arrival("d", -1, -1, start + 600),
            new AlertStreamReader.Arrival("e", 4, 1, start + 700)); // never served: not counted
    LoadReport.Latencies l =
        LoadReport.Latencies.of(
            arrivals, served, (f, i) -> Instant.ofEpochMilli(start - 10_000), start, end);
    assertArrayEquals(new long[] {300}, l.fromServed());
    assertArrayEquals(new long[] {10_400}, l.fromPublished());
    assertEquals(1, l.notCorpusPages());
  }

  @Test
  void alertEventsAreReadForTheirCorpusPage() {
    AlertStreamReader.Arrival a =
        AlertStreamReader.arrival(
            "{\"id\":\"al-1\",\"url\":\"http://127.0.1.7:40001/news/1234/17.html\",\"title\":\"x\"}",
            99);
    assertEquals(new AlertStreamReader.Arrival("al-1", 1234, 17, 99), a);
    assertEquals(
        -1,
        AlertStreamReader.arrival("{\"id\":\"al-2\",\"url\":\"https://example.org/story\"}", 1)
            .feed());
    assertThrows(IllegalArgumentException.class, () -> AlertStreamReader.arrival("not json", 1));
  }

  private static long key(int feed, int item) {
    return ((long) feed << 32) | item;
  }
}
