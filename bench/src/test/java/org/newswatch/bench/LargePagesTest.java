package org.newswatch.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.newswatch.ingest.extract.ArticleExtractor;
import org.newswatch.ingest.extract.ExtractionResult;

class LargePagesTest {
  private static final Charset CP1256 = Charset.forName("windows-1256");

  private static final String HEAD =
      "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"%s\"><title>Canal repairs finish early</title></head>";
  private static final String BODY =
      "<body><article><h1>Canal repairs finish early</h1>"
          + "<p>Repairs to the main irrigation canal near Sukkur finished two weeks ahead of schedule on Friday, the"
          + " provincial irrigation department said, allowing water to reach farms before the sowing season.</p>"
          + "<p>Engineers had closed the canal in October to rebuild a breached embankment and to clear silt that had"
          + " cut its flow by almost a third, officials said.</p>"
          + "<p>Farmers in the command area, who grow wheat and cotton on about 200,000 hectares, had feared that the"
          + " closure would delay their planting.</p></article></body></html>";

  @Test
  void growsToAboutTheTargetAndAddsOnlyAscii() {
    byte[] page =
        (HEAD.formatted("windows-1256") + BODY.replace("Sukkur", "سکھر")).getBytes(CP1256);

    byte[] grown = new LargePages(1).grow(page, 100 * 1024);

    assertTrue(grown.length >= 95 * 1024 && grown.length <= 110 * 1024, "size " + grown.length);
    assertEquals(
        highBytes(page), highBytes(grown), "the additions are ASCII, the page's own bytes stay");
  }

  @Test
  void keepsTheHeadAndTheStoryByteForByte() {
    byte[] page =
        (HEAD.formatted("windows-1256") + BODY.replace("Sukkur", "سکھر")).getBytes(CP1256);

    String grown = new String(new LargePages(1).grow(page, 60 * 1024), CP1256);

    String original = new String(page, CP1256);
    assertTrue(
        grown.startsWith(original.substring(0, original.indexOf("</head>"))),
        "head kept, additions at its end");
    String story = original.substring(original.indexOf("<article>"), original.indexOf("</body>"));
    assertTrue(grown.contains(story), "the story is one untouched piece");
    assertTrue(grown.indexOf("class=\"main-menu\"") < grown.indexOf(story), "menu above the story");
    assertTrue(grown.indexOf("__APP_STATE__") > grown.indexOf(story), "state blob after it");
    assertTrue(grown.endsWith("</body></html>"));
  }

  @Test
  void theExtractorFindsTheSameStoryInTheGrownPage() {
    byte[] page = (HEAD.formatted("utf-8") + BODY).getBytes(StandardCharsets.UTF_8);
    ArticleExtractor extractor = new ArticleExtractor();

    byte[] grown = new LargePages(7).grow(page, 200 * 1024);

    ExtractionResult before = extractor.extract(page, "text/html", "https://example.org/canal");
    ExtractionResult after = extractor.extract(grown, "text/html", "https://example.org/canal");
    assertTrue(before instanceof ExtractionResult.Extracted, before.toString());
    assertTrue(after instanceof ExtractionResult.Extracted, after.toString());
    assertEquals(
        ((ExtractionResult.Extracted) before).page().body(),
        ((ExtractionResult.Extracted) after).page().body());
  }

  @Test
  void sameSeedSamePage() {
    byte[] page = (HEAD.formatted("utf-8") + BODY).getBytes(StandardCharsets.UTF_8);

    assertArrayEquals(new LargePages(3).grow(page, 50_000), new LargePages(3).grow(page, 50_000));
  }

  @Test
  void leavesUtf16AndLargePagesAlone() {
    byte[] utf16 = ("\uFEFF" + HEAD.formatted("utf-16") + BODY).getBytes(StandardCharsets.UTF_16BE);
    byte[] large = (HEAD.formatted("utf-8") + BODY).getBytes(StandardCharsets.UTF_8);

    assertTrue(utf16 == new LargePages(1).grow(utf16, 100 * 1024), "UTF-16 page left as it is");
    assertTrue(
        large == new LargePages(1).grow(large, large.length),
        "a page of the target size left as it is");
  }

  private static int highBytes(byte[] b) {
    int n = 0;
    for (byte x : b) {
      if ((x & 0x80) != 0) {
        n++;
      }
    }
    return n;
  }
}
