package org.newswatch.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jsoup.Jsoup;
import org.newswatch.ingest.extract.ArticleExtractor;
import org.newswatch.ingest.extract.ExtractionResult;

/**
 * Extraction speed on one thread (issue 4): the ingest-service's {@link ArticleExtractor} beside
 * jsoup's bare parse of the same pages, in pages and megabytes per second, and their ratio.
 *
 * <p>Pages: the project's extraction test pages (every {@code *.html} under {@code
 * ingest-service/src/test/resources/extract}: corpus and holdout, 66 pages in English, Urdu,
 * Persian, Pashto and Arabic, some in windows-1256 or ISO-8859-1), read from the file system since
 * test resources are not on the bench class path; and the same pages grown to a real article page's
 * size with generated boilerplate ({@link LargePages}), since the test pages are only 1–7 KB.
 *
 * <p>Three pieces of work per page: {@code extractor.extract(bytes, "text/html", url)} (charset
 * sniffing, decoding, parsing, metadata, cleaning, main text, language); jsoup's bare parse of the
 * same bytes ({@code Jsoup.parse(stream, null, url)}: jsoup finds the charset from BOM and {@code
 * <meta>} and decodes); and jsoup's parse of the text already decoded with the charset the
 * extractor found ({@code Jsoup.parse(text, url)}: the tree building alone).
 *
 * <p>Method: a warm-up (default 4 s) runs all three on every page of both sets so that the JIT has
 * compiled what is measured. Then rounds (default 5 per set, each at least 3 s of whole passes over
 * the set): within a round each page goes to the three pieces of work in turn ({@link PassTimer}),
 * so that load from other processes on the machine falls on all three alike. The median round is
 * reported by the wall clock (the best in the note), and the ratio is the median of the rounds'
 * ratios; the thread's CPU time gives a second rate, steadier on a shared machine but blind to
 * garbage collection on other threads. MB are 2^20 bytes of the raw page.
 *
 * <p>Flags: {@code --pages DIR} (default: {@code ingest-service/src/test/resources/extract} found
 * from the working directory or above), {@code --large-kb N} (size of the generated pages, default
 * 200; 0 for none), {@code --rounds N} (default 5), {@code --round-seconds S} (default 3, for the
 * three pieces of work together), {@code --warmup-seconds S} (default 4). Defaults finish in about
 * 40 seconds.
 */
public final class ExtractionBench {
  private ExtractionBench() {}

  record Options(Path pages, int largeKb, int rounds, double roundSeconds, double warmupSeconds) {
    static Options parse(String... args) {
      Path pages = null;
      int largeKb = 200;
      int rounds = 5;
      double roundSeconds = 3;
      double warmupSeconds = 4;
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--pages" -> pages = Path.of(value(args, ++i));
          case "--large-kb" -> largeKb = (int) number(args, ++i, 0, 5 * 1024);
          case "--rounds" -> rounds = (int) number(args, ++i, 1, 1000);
          case "--round-seconds" -> roundSeconds = number(args, ++i, 0.01, 600);
          case "--warmup-seconds" -> warmupSeconds = number(args, ++i, 0, 600);
          default ->
              throw new IllegalArgumentException(
                  "unknown flag "
                      + args[i]
                      + "; use --pages DIR --large-kb N --rounds N --round-seconds S --warmup-seconds S");
        }
      }
      return new Options(
          pages == null ? BenchPage.defaultDir() : pages,
          largeKb,
          rounds,
          roundSeconds,
          warmupSeconds);
    }

    private static String value(String[] args, int i) {
      if (i >= args.length) {
        throw new IllegalArgumentException(args[i - 1] + " needs a value");
      }
      return args[i];
    }

    private static double number(String[] args, int i, double min, double max) {
      String v = value(args, i);
      double n;
      try {
        n = Double.parseDouble(v.replace("_", ""));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(args[i - 1] + " needs a number, not " + v);
      }
      if (n < min || n > max) {
        throw new IllegalArgumentException(args[i - 1] + " must be from " + min + " to " + max);
      }
      return n;
    }
  }

  /** A set of pages and what the extractor made of it before timing. */
  private record PageSet(String label, List<BenchPage> pages, String outcome) {}

  /** The three timings of one set, a list of rounds each. */
  private record Timings(
      List<PassTimer.Round> extract,
      List<PassTimer.Round> jsoupBytes,
      List<PassTimer.Round> jsoupText) {}

  public static void main(String[] args) throws IOException {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("bench extraction: " + e.getMessage());
      System.exit(2);
      return;
    }
    List<String[]> rows = run(options);
    StringBuilder t = new StringBuilder();
    t.append(
        String.format(
            Locale.ROOT,
            "Newswatch extraction bench: %d cores, Java %s, max heap %s%n%n",
            Runtime.getRuntime().availableProcessors(),
            Runtime.version(),
            Memory.mb(Runtime.getRuntime().maxMemory())));
    t.append("| measure | value | note |\n|---|---|---|\n");
    for (String[] r : rows) {
      t.append("| ")
          .append(r[0])
          .append(" | ")
          .append(r[1])
          .append(" | ")
          .append(r[2])
          .append(" |\n");
    }
    System.out.print(t);
  }

  /**
   * Runs the extraction bench with {@code main}'s flags (none for the defaults) and returns the
   * table rows, each {@code {measure, value, note}}; progress goes to stderr.
   *
   * @throws IllegalArgumentException on a bad flag or when the pages cannot be found
   */
  public static List<String[]> run(String... args) throws IOException {
    return run(Options.parse(args));
  }

  static List<String[]> run(Options o) throws IOException {
    double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    ArticleExtractor extractor = new ArticleExtractor();
    List<BenchPage> corpus = BenchPage.load(o.pages());
    System.err.printf(
        Locale.ROOT, "bench: extraction on %d pages from %s%n", corpus.size(), o.pages());
    List<PageSet> sets = new ArrayList<>();
    List<ExtractionResult> corpusResults = new ArrayList<>();
    sets.add(prepare("project test pages", corpus, extractor, corpusResults, null));
    if (o.largeKb() > 0) {
      LargePages generator = new LargePages(42);
      List<BenchPage> large = new ArrayList<>();
      for (BenchPage p : corpus) {
        large.add(
            p.withBytes(p.name() + " (grown)", generator.grow(p.bytes(), o.largeKb() * 1024)));
      }
      sets.add(
          prepare(
              "the same pages grown to ~" + o.largeKb() + " KB with generated boilerplate",
              large,
              extractor,
              new ArrayList<>(),
              corpusResults));
    }

    List<PassTimer.Work> works =
        List.of(
            p -> extract(extractor, p), ExtractionBench::jsoupBytes, ExtractionBench::jsoupText);
    System.err.printf(Locale.ROOT, "bench: extraction warm-up %.0f s …%n", o.warmupSeconds());
    long warmupEnd = System.nanoTime() + (long) (o.warmupSeconds() * 1e9);
    while (System.nanoTime() < warmupEnd) {
      for (PageSet s : sets) {
        PassTimer.round(s.pages(), works, 0);
      }
    }

    long roundNanos = (long) (o.roundSeconds() * 1e9);
    List<Timings> timings = new ArrayList<>();
    for (PageSet s : sets) {
      timings.add(new Timings(new ArrayList<>(), new ArrayList<>(), new ArrayList<>()));
    }
    for (int r = 0; r < o.rounds(); r++) {
      System.err.printf(Locale.ROOT, "bench: extraction round %d of %d%n", r + 1, o.rounds());
      for (int i = 0; i < sets.size(); i++) {
        List<PassTimer.Round> round = PassTimer.round(sets.get(i).pages(), works, roundNanos);
        timings.get(i).extract().add(round.get(0));
        timings.get(i).jsoupBytes().add(round.get(1));
        timings.get(i).jsoupText().add(round.get(2));
      }
    }

    String how = String.format(Locale.ROOT, "median of %d rounds, one thread", o.rounds());
    String loadNote =
        load < 0
            ? ""
            : String.format(
                Locale.ROOT,
                "; load average %.1f on %d cores at the start",
                load,
                Runtime.getRuntime().availableProcessors());
    List<String[]> rows = new ArrayList<>();
    for (int i = 0; i < sets.size(); i++) {
      PageSet s = sets.get(i);
      Timings t = timings.get(i);
      long bytes = BenchPage.totalBytes(s.pages());
      String set =
          String.format(
              Locale.ROOT,
              "%s: %d pages, %s, mean %.1f KB",
              s.label(),
              s.pages().size(),
              mib(bytes),
              bytes / 1024.0 / s.pages().size());
      PassTimer.Round e = PassTimer.median(t.extract());
      PassTimer.Round jb = PassTimer.median(t.jsoupBytes());
      PassTimer.Round jt = PassTimer.median(t.jsoupText());
      rows.add(
          new String[] {
            "extraction, ArticleExtractor.extract (" + set + ")",
            rate(e),
            how
                + "; best "
                + rate(PassTimer.best(t.extract()))
                + "; "
                + cpu(t.extract())
                + String.format(Locale.ROOT, "; %.2f ms a page; ", 1000 / e.pagesPerSecond())
                + s.outcome()
                + loadNote
          });
      rows.add(
          new String[] {
            "jsoup bare parse of the same bytes, Jsoup.parse(stream, null, url) ("
                + s.label()
                + ")",
            rate(jb),
            how + "; best " + rate(PassTimer.best(t.jsoupBytes())) + "; " + cpu(t.jsoupBytes())
          });
      rows.add(
          new String[] {
            "jsoup parse of the decoded text, Jsoup.parse(text, url) (" + s.label() + ")",
            rate(jt),
            how + "; best " + rate(PassTimer.best(t.jsoupText())) + "; " + cpu(t.jsoupText())
          });
      double byBytes = PassTimer.medianRatio(t.extract(), t.jsoupBytes(), false);
      rows.add(
          new String[] {
            "**ratio extraction / jsoup bare parse** (" + s.label() + ")",
            String.format(
                Locale.ROOT,
                "**%.2f** (bytes); %.2f (decoded text)",
                byBytes,
                PassTimer.medianRatio(t.extract(), t.jsoupText(), false)),
            String.format(
                Locale.ROOT,
                "median over rounds of the ratio of pages/s in the same round: extraction takes"
                    + " %.1f× the time of jsoup's parse of the bytes; by thread CPU time %.2f (bytes), %.2f (text)",
                1 / byBytes,
                PassTimer.medianRatio(t.extract(), t.jsoupBytes(), true),
                PassTimer.medianRatio(t.extract(), t.jsoupText(), true))
          });
    }
    return rows;
  }

  /**
   * Runs the extractor once on each page: counts the outcomes (the bench must time real
   * extractions, not early refusals), keeps the decoded text for jsoup's text parse, and for grown
   * pages counts those whose body is the same as their original's.
   */
  private static PageSet prepare(
      String label,
      List<BenchPage> pages,
      ArticleExtractor extractor,
      List<ExtractionResult> results,
      List<ExtractionResult> originals) {
    List<BenchPage> prepared = new ArrayList<>();
    int extracted = 0;
    int tooShort = 0;
    int failed = 0;
    List<String> changed = new ArrayList<>();
    for (int i = 0; i < pages.size(); i++) {
      BenchPage p = pages.get(i);
      ExtractionResult r = extractor.extract(p.bytes(), p.contentType(), p.url());
      results.add(r);
      String charset =
          switch (r) {
            case ExtractionResult.Extracted x -> {
              extracted++;
              yield x.page().charset();
            }
            case ExtractionResult.TooShort x -> {
              tooShort++;
              yield x.page().charset();
            }
            case ExtractionResult.Failed x -> {
              failed++;
              yield null;
            }
          };
      if (originals != null && !Objects.equals(body(r), body(originals.get(i)))) {
        changed.add(p.name().replace(" (grown)", ""));
      }
      prepared.add(
          p.withText(
              new String(
                  p.bytes(), charset == null ? StandardCharsets.UTF_8 : Charset.forName(charset))));
    }
    String outcome =
        String.format(
            Locale.ROOT, "%d extracted, %d too short, %d failed", extracted, tooShort, failed);
    if (originals != null) {
      outcome +=
          String.format(
                  Locale.ROOT,
                  "; %d of %d with the same body as the page before growing",
                  pages.size() - changed.size(),
                  pages.size())
              + (changed.isEmpty() ? "" : " (not: " + String.join(", ", changed) + ")");
    }
    return new PageSet(label, prepared, outcome);
  }

  private static String body(ExtractionResult r) {
    return switch (r) {
      case ExtractionResult.Extracted x -> x.page().body();
      case ExtractionResult.TooShort x -> x.page().body();
      case ExtractionResult.Failed x -> null;
    };
  }

  private static long extract(ArticleExtractor extractor, BenchPage p) {
    return switch (extractor.extract(p.bytes(), p.contentType(), p.url())) {
      case ExtractionResult.Extracted x -> x.page().body().length();
      case ExtractionResult.TooShort x -> 1;
      case ExtractionResult.Failed x -> 2;
    };
  }

  private static long jsoupBytes(BenchPage p) {
    try {
      return Jsoup.parse(new ByteArrayInputStream(p.bytes()), null, p.url()).childNodeSize();
    } catch (IOException e) {
      // A byte array stream does not fail; jsoup declares the exception for real streams.
      throw new UncheckedIOException(e);
    }
  }

  private static long jsoupText(BenchPage p) {
    return Jsoup.parse(p.text(), p.url()).childNodeSize();
  }

  private static String rate(PassTimer.Round r) {
    return String.format(
        Locale.ROOT, "%,.0f pages/s; %.1f MB/s", r.pagesPerSecond(), r.mbPerSecond());
  }

  private static String cpu(List<PassTimer.Round> rounds) {
    return String.format(
        Locale.ROOT,
        "by thread CPU time %,.0f pages/s, %.1f MB/s",
        PassTimer.medianCpuPagesPerSecond(rounds),
        PassTimer.medianCpuMbPerSecond(rounds));
  }

  private static String mib(long bytes) {
    return String.format(Locale.ROOT, "%.2f MB", bytes / 1048576.0);
  }
}
