package org.newswatch.ingest.extract;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Scores the extractor on the project's pages (NAME.html with the expected body in NAME.txt):
 * token-level precision, recall and F1 per page and over the set, printed, and held above a floor.
 * Two sets: {@code corpus/} (44 pages, the extractor was tuned while it was written, so its score
 * flatters) and {@code holdout/} (22 harder pages written afterwards, in two batches, each scored
 * once before any change it prompted; see the README beside them).
 */
class CorpusScoreTest {
  private final ArticleExtractor extractor = new ArticleExtractor();

  @Test
  void corpusScoresAboveFloor() throws Exception {
    Score s = score("/extract/corpus");
    assertTrue(s.pages >= 40, "corpus has " + s.pages + " pages, 40 wanted");
    // Reached 0.97 before any tuning on it and 1.00 after; the floor leaves room for changes
    // that trade a little here for real-world pages.
    assertTrue(s.total.f1() >= 0.95, "corpus F1 " + s.total.f1() + " below 0.95");
    assertTrue(s.belowFloor(0.80).isEmpty(), "pages below 0.80: " + s.belowFloor(0.80));
  }

  @Test
  void holdoutScoresAboveFloor() throws Exception {
    Score s = score("/extract/holdout");
    // Set from the first run on the first batch (0.913), before looking at any of its pages.
    assertTrue(s.total.f1() >= 0.85, "holdout F1 " + s.total.f1() + " below 0.85");
  }

  record PageScore(String name, TokenOverlap overlap) {}

  record Score(int pages, TokenOverlap total, List<PageScore> perPage) {
    List<String> belowFloor(double floor) {
      return perPage.stream()
          .filter(p -> p.overlap().f1() < floor)
          .map(p -> p.name() + String.format(Locale.ROOT, " (%.3f)", p.overlap().f1()))
          .toList();
    }
  }

  private Score score(String resource) throws IOException, URISyntaxException {
    Path dir = Path.of(getClass().getResource(resource).toURI());
    List<Path> pages;
    try (Stream<Path> s = Files.list(dir)) {
      pages = s.filter(p -> p.toString().endsWith(".html")).sorted().toList();
    }
    TokenOverlap total = new TokenOverlap(0, 0, 0);
    double macroF1 = 0;
    List<PageScore> perPage = new ArrayList<>();
    for (Path page : pages) {
      String name = page.getFileName().toString().replace(".html", "");
      String expected = Files.readString(dir.resolve(name + ".txt"), StandardCharsets.UTF_8);
      String body =
          switch (extractor.extract(
              Files.readAllBytes(page), null, "https://corpus.test/" + name)) {
            case ExtractionResult.Extracted e -> e.page().body();
            case ExtractionResult.TooShort t -> t.page().body();
            case ExtractionResult.Failed f -> "";
          };
      TokenOverlap o = TokenOverlap.of(body, expected);
      total = total.plus(o);
      macroF1 += o.f1();
      perPage.add(new PageScore(name, o));
      System.out.printf(
          Locale.ROOT, "%-32s P=%.3f R=%.3f F1=%.3f%n", name, o.precision(), o.recall(), o.f1());
      if (o.f1() < 0.97) {
        System.out.println("    extra:   " + TokenOverlap.difference(body, expected));
        System.out.println("    missing: " + TokenOverlap.difference(expected, body));
      }
    }
    macroF1 /= Math.max(1, pages.size());
    System.out.printf(
        Locale.ROOT,
        "%s: %d pages: micro P=%.4f R=%.4f F1=%.4f; macro F1=%.4f%n",
        resource,
        pages.size(),
        total.precision(),
        total.recall(),
        total.f1(),
        macroF1);
    return new Score(pages.size(), total, perPage);
  }
}
