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
 * Scores the extractor on the project's corpus (src/test/resources/extract/corpus: NAME.html
 * with the expected body in NAME.txt): token-level precision, recall and F1 per page and over
 * the corpus, printed, and held above a floor.
 */
class CorpusScoreTest {
  /** Floors set from the scores reached when the corpus was written, less a small margin. */
  static final double MICRO_F1_FLOOR = 0.95;
  static final double PAGE_F1_FLOOR = 0.80;

  private final ArticleExtractor extractor = new ArticleExtractor();

  @Test
  void corpusScoresAboveFloor() throws IOException, URISyntaxException {
    Path dir = Path.of(getClass().getResource("/extract/corpus").toURI());
    List<Path> pages;
    try (Stream<Path> s = Files.list(dir)) {
      pages = s.filter(p -> p.toString().endsWith(".html")).sorted().toList();
    }
    assertTrue(pages.size() >= 40, "corpus has " + pages.size() + " pages, 40 wanted");
    TokenOverlap total = new TokenOverlap(0, 0, 0);
    double macroF1 = 0;
    List<String> belowFloor = new ArrayList<>();
    for (Path page : pages) {
      String name = page.getFileName().toString().replace(".html", "");
      String expected = Files.readString(dir.resolve(name + ".txt"), StandardCharsets.UTF_8);
      String body = switch (extractor.extract(Files.readAllBytes(page), null, "https://corpus.test/" + name)) {
        case ExtractionResult.Extracted e -> e.page().body();
        case ExtractionResult.TooShort t -> t.page().body();
        case ExtractionResult.Failed f -> "";
      };
      TokenOverlap o = TokenOverlap.of(body, expected);
      total = total.plus(o);
      macroF1 += o.f1();
      System.out.printf(Locale.ROOT, "%-32s P=%.3f R=%.3f F1=%.3f%n", name, o.precision(), o.recall(), o.f1());
      if (o.f1() < 0.97) {
        System.out.println("    extra:   " + TokenOverlap.difference(body, expected));
        System.out.println("    missing: " + TokenOverlap.difference(expected, body));
      }
      if (o.f1() < PAGE_F1_FLOOR) {
        belowFloor.add(name + " (" + String.format(Locale.ROOT, "%.3f", o.f1()) + ")");
      }
    }
    macroF1 /= pages.size();
    System.out.printf(Locale.ROOT, "CORPUS %d pages: micro P=%.4f R=%.4f F1=%.4f; macro F1=%.4f%n",
        pages.size(), total.precision(), total.recall(), total.f1(), macroF1);
    assertTrue(total.f1() >= MICRO_F1_FLOOR, "corpus F1 " + total.f1() + " below " + MICRO_F1_FLOOR);
    assertTrue(belowFloor.isEmpty(), "pages below " + PAGE_F1_FLOOR + ": " + belowFloor);
  }
}
