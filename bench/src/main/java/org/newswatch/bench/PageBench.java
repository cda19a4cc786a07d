package org.newswatch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.FSDirectory;
import org.newswatch.common.config.ServiceContext;
import org.newswatch.common.kafka.EmbeddedKafkaBroker;
import org.newswatch.common.kafka.TopicAdmin;
import org.newswatch.common.kafka.Topics;
import org.newswatch.index.IndexService;
import org.openqa.selenium.By;
import org.openqa.selenium.HasCapabilities;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * How soon the researchers' page (the index-service's {@code /}) shows a search's answer on a large
 * index, in a real headless Chromium: from the Enter in the query box to the drawn frame with the
 * total, the source and language facets and the per-day timeline of that query. The service and a
 * Kafka broker run in this JVM, the browser beside them, all on the same cores.
 *
 * <p>Run: {@code java -cp bench/target/newswatch-bench.jar org.newswatch.bench.PageBench --index
 * DIR [--queries N]}. {@code DIR} is a Lucene index as the index-service writes it (the search
 * bench's {@code --search-index}); <b>the service opens it as its own index and may commit to
 * it</b> (its Kafka read positions, at its first poll), so pass a copy you can spare. The words are
 * body words in 1 % to 26 % of the articles ({@link PageWords}), from a fixed seed; 20 of them warm
 * the service and the browser first. {@code --queries} is the number timed, default 50. Prints a
 * markdown table as the other benches do; the figures are reported, never asserted. Needs Debian's
 * {@code chromium} and {@code chromium-driver}.
 */
public final class PageBench {
  static final String ADMIN = "page-bench-admin-key-0123456789";
  static final int WARMUP = 20;
  static final long SEED = 2026;
  static final String USAGE =
      "usage: PageBench --index DIR [--queries N]  (DIR: a search index the service may commit to)";

  private static final Duration READY_WITHIN = Duration.ofMinutes(10);

  /**
   * @param index the index folder, absolute
   * @param queries word searches timed, after {@link #WARMUP} untimed
   */
  record Options(Path index, int queries) {
    static Options parse(String[] args) {
      Path index = null;
      int queries = 50;
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--index" -> index = Path.of(value(args, ++i, "--index"));
          case "--queries" -> queries = positive(value(args, ++i, "--queries"), "--queries");
          default -> throw new IllegalArgumentException("unknown flag " + args[i] + "; " + USAGE);
        }
      }
      if (index == null) {
        throw new IllegalArgumentException("--index DIR is required; " + USAGE);
      }
      if (!Files.exists(index)) {
        throw new IllegalArgumentException("--index " + index + " does not exist");
      }
      if (!Files.isDirectory(index)) {
        throw new IllegalArgumentException("--index " + index + " is not a folder");
      }
      try (FSDirectory directory = FSDirectory.open(index)) {
        if (!DirectoryReader.indexExists(directory)) {
          throw new IllegalArgumentException(
              "--index " + index + " holds no Lucene index (no segments_N file)");
        }
      } catch (IOException e) {
        throw new IllegalArgumentException("--index " + index + " cannot be read: " + e, e);
      }
      return new Options(index.toAbsolutePath().normalize(), queries);
    }

    private static String value(String[] args, int i, String flag) {
      if (i >= args.length) {
        throw new IllegalArgumentException(flag + " needs a value; " + USAGE);
      }
      return args[i];
    }

    private static int positive(String v, String flag) {
      int n;
      try {
        n = Integer.parseInt(v.replace(",", "").replace("_", ""));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(flag + " needs a whole number, was '" + v + "'");
      }
      if (n < 1) {
        throw new IllegalArgumentException(flag + " must be at least 1, was " + n);
      }
      return n;
    }
  }

  /**
   * The figures.
   *
   * @param browser the Chromium version
   * @param loadMillis from navigation to the page's load event, browser cache empty
   * @param everyNewest the first search: every article, newest first
   * @param everyRelevance every article again, by relevance (the sort set back)
   * @param words the timed word searches, to the drawn frame
   * @param wordsDom the same, to the status line written (before the frame is drawn)
   * @param wordsHarness the same by this process's clock, WebDriver round trips included
   * @param fewestMatches the smallest total among the timed words
   * @param mostMatches the largest
   * @param commitBefore the index's commit before the service opened it
   * @param commitAfter after the service closed
   */
  record Result(
      Path index,
      int documents,
      String browser,
      double startupSeconds,
      double loadMillis,
      PageClock.Shown everyNewest,
      PageClock.Shown everyRelevance,
      LatencyBench.Summary words,
      LatencyBench.Summary wordsDom,
      LatencyBench.Summary wordsHarness,
      long fewestMatches,
      long mostMatches,
      String commitBefore,
      String commitAfter) {}

  /** What the browser part measured, before the index's state after the run is known. */
  private record Driven(
      String browser,
      double loadMillis,
      PageClock.Shown everyNewest,
      PageClock.Shown everyRelevance,
      List<PageClock.Shown> words,
      long[] harnessNanos) {}

  private PageBench() {}

  public static void main(String[] args) throws Exception {
    // The embedded broker logs its whole configuration at INFO; the table is what matters here.
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("PageBench: " + e.getMessage());
      System.exit(2);
      return;
    }
    System.out.print(table(run(options)));
  }

  static Result run(Options o) throws Exception {
    String commitBefore = lastCommit(o.index());
    // Read before the service opens the folder: the words do not depend on what it does there.
    PageWords.Picked picked = PageWords.pick(o.index(), WARMUP + o.queries(), SEED);
    log(
        "%,d articles in %s; %d words (%d to warm up), commit %s",
        picked.documents(), o.index(), picked.words().size(), WARMUP, commitBefore);
    Path work = Files.createTempDirectory("newswatch-page-bench");
    // The service keeps its index in dataDir/index: a link there makes DIR that index.
    Path link = Files.createDirectories(work.resolve("data")).resolve("index");
    try {
      Files.createSymbolicLink(link, o.index());
      Driven driven;
      double startup;
      try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(work.resolve("kafka"), 0)) {
        Topics topics = new Topics("bench.");
        TopicAdmin.ensure(broker.bootstrapServers(), topics, Duration.ofSeconds(60));
        long start = System.nanoTime();
        try (IndexService service =
            IndexService.start(
                new ServiceContext(
                    broker.bootstrapServers(), topics, link.getParent(), 0, true, ADMIN, null))) {
          awaitReady(service, picked.documents());
          startup = (System.nanoTime() - start) / 1e9;
          log("index-service ready in %.1f s on port %d", startup, service.port());
          driven = drive(service.port(), picked.words());
        }
      }
      List<PageClock.Shown> timed = driven.words().subList(WARMUP, driven.words().size());
      long[] shown = new long[timed.size()];
      long[] dom = new long[timed.size()];
      for (int i = 0; i < timed.size(); i++) {
        shown[i] = Math.round(timed.get(i).millis() * 1e6);
        dom[i] = Math.round(timed.get(i).domMillis() * 1e6);
      }
      long[] totals = timed.stream().mapToLong(s -> s.total().orElseThrow()).sorted().toArray();
      return new Result(
          o.index(),
          picked.documents(),
          driven.browser(),
          startup,
          driven.loadMillis(),
          driven.everyNewest(),
          driven.everyRelevance(),
          LatencyBench.Summary.of(shown),
          LatencyBench.Summary.of(dom),
          LatencyBench.Summary.of(driven.harnessNanos()),
          totals[0],
          totals[totals.length - 1],
          commitBefore,
          lastCommit(o.index()));
    } finally {
      // The link first: the folder's deletion below must never reach into DIR.
      Files.deleteIfExists(link);
      IndexingBench.delete(work);
    }
  }

  /**
   * Ready (caught up with the empty topics, keys loaded) and searching every article of the index.
   */
  private static void awaitReady(IndexService service, int documents) throws InterruptedException {
    long deadline = System.nanoTime() + READY_WITHIN.toNanos();
    while (!(service.isReady() && service.documentCount() == documents)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "index-service not ready after "
                + READY_WITHIN.toMinutes()
                + " minutes: "
                + service.documentCount()
                + " of "
                + documents
                + " articles searchable, ready "
                + service.isReady());
      }
      Thread.sleep(50);
    }
  }

  private static Driven drive(int port, List<String> words) throws Exception {
    WebDriver browser = BenchChromium.start();
    try {
      String version = ((HasCapabilities) browser).getCapabilities().getBrowserVersion();
      JavascriptExecutor js = (JavascriptExecutor) browser;
      browser.get("http://127.0.0.1:" + port + "/");
      double load =
          ((Number)
                  js.executeScript(
                      "return performance.getEntriesByType('navigation')[0].loadEventEnd;"))
              .doubleValue();
      // TAB leaves the field: the page stores the key on change, as a researcher's would be.
      browser.findElement(By.id("key")).sendKeys(ADMIN, Keys.TAB);
      PageClock clock = new PageClock(js);
      SearchApi api = new SearchApi(port, ADMIN);

      // The page searches nothing on load; choosing "newest" with an empty query asks for every
      // article, newest first: what a researcher sees first of a fresh day's news.
      Select sort = new Select(browser.findElement(By.id("sort")));
      clock.arm();
      sort.selectByValue("newest");
      PageClock.Shown everyNewest =
          checked(clock.shown(), api.ask("", "newest"), "(every article)");
      clock.arm();
      sort.selectByValue("relevance");
      PageClock.Shown everyRelevance =
          checked(clock.shown(), api.ask("", "relevance"), "(every article)");
      log(
          "every article: newest first %.0f ms, by relevance %.0f ms",
          everyNewest.millis(), everyRelevance.millis());

      WebElement q = browser.findElement(By.id("q"));
      List<PageClock.Shown> shown = new ArrayList<>(words.size());
      long[] harness = new long[words.size() - WARMUP];
      for (int i = 0; i < words.size(); i++) {
        String word = words.get(i);
        q.clear();
        q.sendKeys(word);
        clock.arm();
        long start = System.nanoTime();
        q.sendKeys(Keys.ENTER);
        PageClock.Shown s = clock.shown();
        long nanos = System.nanoTime() - start;
        // Asked only now: the API's answer must not warm the service for the timed search.
        shown.add(checked(s, api.ask(word, "relevance"), word));
        if (i >= WARMUP) {
          harness[i - WARMUP] = nanos;
        }
        if ((i + 1) % 10 == 0) {
          log(
              "%d of %d searches (last: %s, %s, %.0f ms)",
              i + 1, words.size(), word, s.status(), s.millis());
        }
      }
      return new Driven(version, load, everyNewest, everyRelevance, shown, harness);
    } finally {
      browser.quit();
    }
  }

  /** {@code shown}, once it is the API's answer; a page showing anything else stops the bench. */
  private static PageClock.Shown checked(
      PageClock.Shown shown, SearchApi.Answer api, String query) {
    Optional<String> wrong = shown.differenceFrom(api);
    if (wrong.isPresent()) {
      throw new IllegalStateException(
          "the page did not show the answer to " + query + ": " + wrong.get());
    }
    return shown;
  }

  /** The name of the folder's last commit, e.g. {@code segments_2}. */
  static String lastCommit(Path index) throws IOException {
    try (FSDirectory directory = FSDirectory.open(index)) {
      return org.apache.lucene.index.SegmentInfos.getLastCommitSegmentsFileName(
          directory.listAll());
    }
  }

  static String table(Result r) {
    StringBuilder t = new StringBuilder();
    t.append(
        String.format(
            Locale.ROOT,
            "Newswatch page bench: %d cores, Java %s, max heap %s, headless Chromium %s%n%n",
            Runtime.getRuntime().availableProcessors(),
            Runtime.version(),
            Memory.mb(Runtime.getRuntime().maxMemory()),
            r.browser()));
    t.append("| measure | value | note |\n|---|---|---|\n");
    t.append(
        row(
            "articles in the index",
            String.format(Locale.ROOT, "%,d", r.documents()),
            r.index().toString()));
    t.append(
        row(
            "index-service start until ready",
            String.format(Locale.ROOT, "%.1f s", r.startupSeconds()),
            "in this JVM, on an in-process Kafka broker with empty topics"));
    t.append(
        row(
            "page load, to the load event",
            ms(r.loadMillis()),
            "browser cache empty: the HTML, ECharts (1 MB) and the page's scripts over loopback"));
    t.append(
        row(
            "first search: every article, newest first",
            ms(r.everyNewest().millis()),
            "the page's first search after the service started (sort set to newest, empty query); "
                + r.everyNewest().status()));
    t.append(
        row(
            "every article, by relevance",
            ms(r.everyRelevance().millis()),
            "the sort set back; " + r.everyRelevance().status()));
    LatencyBench.Summary w = r.words();
    t.append(
        row(
            "**word search → total, facets and timeline shown, p50 / p99 (max)**",
            String.format(
                Locale.ROOT,
                "**%s / %s** (%s)",
                ms(w.p50Millis()),
                ms(w.p99Millis()),
                ms(w.maxMillis())),
            String.format(
                Locale.ROOT,
                "%d words in 1–26 %% of the bodies (%,d to %,d matches), after %d untimed; from the Enter's key-down to the frame drawn with the status line, facets and timeline, in the page's clock. Status line written: p50 %s / p99 %s; by the harness's clock (WebDriver round trips included): p50 %s / p99 %s",
                w.count(),
                r.fewestMatches(),
                r.mostMatches(),
                WARMUP,
                ms(r.wordsDom().p50Millis()),
                ms(r.wordsDom().p99Millis()),
                ms(r.wordsHarness().p50Millis()),
                ms(r.wordsHarness().p99Millis()))));
    t.append(
        row(
            "index folder's commit, before → after",
            r.commitBefore() + " → " + r.commitAfter(),
            r.commitBefore().equals(r.commitAfter())
                ? "the service did not commit to it"
                : "the service committed to it (its Kafka read positions)"));
    return t.toString();
  }

  private static String ms(double millis) {
    return String.format(Locale.ROOT, millis < 10 ? "%.1f ms" : "%.0f ms", millis);
  }

  private static String row(String measure, String value, String note) {
    return "| " + measure + " | " + value + " | " + note + " |\n";
  }

  private static void log(String format, Object... args) {
    System.err.println("page bench: " + String.format(Locale.ROOT, format, args));
  }
}
