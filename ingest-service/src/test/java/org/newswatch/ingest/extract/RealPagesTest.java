package org.newswatch.ingest.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.newswatch.ingest.RealWorld;

/**
 * The extractor on real pages from real outlets (issue 17), read from {@code
 * ../shared/realworld/pages} beside the checkout and never copied into the project; skipped, with
 * the reason, where that folder is absent. The expected bodies in {@code
 * /extract/realworld/NAME.txt} were written here by reading each page: the article's paragraphs and
 * subheadings, without headline, standfirst, captions, related links, promos ("Follow … on
 * Twitter") and comment policies, as for the project's own pages.
 */
class RealPagesTest {
  private final ArticleExtractor extractor = new ArticleExtractor();

  /** Each real article page with an expected body, and the outlet it is from. */
  static final List<String[]> PAGES =
      List.of(
          new String[] {"aljazeera-article", "Al Jazeera English"},
          new String[] {"arynews-article", "ARY News"},
          new String[] {"bbc-news-article", "BBC News"},
          new String[] {"cnn-arabic-syria-2013", "CNN Arabic"},
          new String[] {"dawn-article", "Dawn"},
          new String[] {"dunya-en-article-866514", "Dunya News"},
          new String[] {"geo-article", "Geo News"},
          new String[] {"jang-en-article", "Jang (English)"},
          new String[] {"samaa-article", "Samaa TV"},
          new String[] {"tribune-article", "Express Tribune"});

  private ExtractionResult extract(String name) throws IOException {
    byte[] html = Files.readAllBytes(RealWorld.pages().resolve(name + ".html"));
    return extractor.extract(html, "text/html", "https://" + name + ".realworld.test/");
  }

  private ExtractedPage page(String name) throws IOException {
    return assertInstanceOf(ExtractionResult.Extracted.class, extract(name), name).page();
  }

  static String expected(String name) throws IOException {
    try (InputStream in =
        RealPagesTest.class.getResourceAsStream("/extract/realworld/" + name + ".txt")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /**
   * Token precision, recall and F1 per page, printed as the README's table. First run (before the
   * issue-17 fixes): micro P 0.971, R 0.945, F1 0.958; Jang at recall 0 (its article sits in a
   * wrapper named "left-sidebar" and was cleaned away).
   */
  @Test
  void everyRealPageKeepsItsParagraphs() throws IOException {
    TokenOverlap total = new TokenOverlap(0, 0, 0);
    List<String> weak = new ArrayList<>();
    StringBuilder table =
        new StringBuilder("| page | outlet | P | R | F1 |\n|---|---|---|---|---|\n");
    for (String[] p : PAGES) {
      ExtractionResult r = extract(p[0]);
      String body =
          switch (r) {
            case ExtractionResult.Extracted e -> e.page().body();
            case ExtractionResult.TooShort t -> t.page().body();
            case ExtractionResult.Failed f -> "";
          };
      String want = expected(p[0]);
      TokenOverlap o = TokenOverlap.of(body, want);
      total = total.plus(o);
      table.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %.3f | %.3f | %.3f |%n",
              p[0],
              p[1],
              o.precision(),
              o.recall(),
              o.f1()));
      if (o.f1() < 0.97) {
        table.append("    extra:   ").append(TokenOverlap.difference(body, want)).append('\n');
        table.append("    missing: ").append(TokenOverlap.difference(want, body)).append('\n');
      }
      // Every page, not only the total: a page that loses one paragraph in twenty is a regression.
      if (o.recall() < 0.95 || o.precision() < 0.95) {
        weak.add(p[0] + String.format(Locale.ROOT, " (P %.3f, R %.3f)", o.precision(), o.recall()));
      }
    }
    table.append(
        String.format(
            Locale.ROOT,
            "| all %d pages (micro) | | %.3f | %.3f | %.3f |%n",
            PAGES.size(),
            total.precision(),
            total.recall(),
            total.f1()));
    System.out.print(table);
    assertTrue(weak.isEmpty(), "pages below 0.95 precision or recall: " + weak);
    assertTrue(
        total.recall() >= 0.98 && total.precision() >= 0.98, "micro P/R below 0.98:\n" + table);
  }

  /**
   * Title, first publication time and authors as each page shows them. Hostile shapes: Dunya's only
   * date is {@code <time datetime="Wed, 05 Feb 2025">} with the clock time in its text ("13:04:31
   * PKT"); Dawn writes {@code 2025-01-29 20:34:11+05:00}; Tribune's author object is a desk named
   * "Pop Culture & Art" (one name, not two); Samaa names its author only in a link to {@code
   * author/…}; CNN Arabic (2013) gives only a last-update time, in Arabic, so no publication time.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
      aljazeera-article       | Dallas Mavericks left to answer big question on Luka Doncic trade: Why? | 2025-02-02T15:37:55Z     | -
      arynews-article         | Govt has nothing to offer in talks, says Omar Ayub                      | 2025-02-03T09:10:28Z     | Web Desk
      bbc-news-article        | Shein: Chinese fashion giant re-enters India five years after ban       | 2025-02-03T06:39:53.286Z | Nikita Yadav
      cnn-arabic-syria-2013   | معارضون يسيطرون على مخازن للصواريخ بريف دمشق                           | -                        | -
      dawn-article            | Alibaba releases AI model it claims surpasses DeepSeek-V3               | 2025-01-29T15:34:11Z     | Reuters
      dunya-en-article-866514 | KP stands with Kashmir in their struggle for freedom, says Gandapur     | 2025-02-05T08:04:31Z     | -
      geo-article             | 50 Cent to fight legal dispute over alleged SUV assault                 | 2025-01-28T13:36:00Z     | Web Desk
      jang-en-article         | Netflix takes big step against ‘Emilia Pérez’ star Karla Sofía Gascón   | 2025-02-05T13:56:16Z     | Web Desk
      samaa-article           | US Congress considers deepfake ban                                      | 2025-02-05T00:00:00Z     | Waniya Kabir Ahmad
      tribune-article         | SZA shares emotional journey in India, praises Isha Foundation and Indian kids | 2025-01-28T06:53:09Z | Pop Culture & Art
      """)
  void titleDateAndAuthorsAsThePageShowsThem(
      String name, String title, String published, String authors) throws IOException {
    ExtractedPage p = page(name);
    assertEquals(title, p.title(), name);
    assertEquals(published == null ? null : Instant.parse(published), p.publishedAt(), name);
    List<String> want = authors == null ? List.of() : Arrays.asList(authors.split(";"));
    assertEquals(
        want.stream().map(a -> a.toLowerCase(Locale.ROOT)).toList(),
        p.authors().stream().map(a -> a.toLowerCase(Locale.ROOT)).toList(),
        name + " authors " + p.authors());
  }

  @Test
  void aryProtocolRelativeUrlsComeOutAbsolute() throws IOException {
    // ARY writes its logo and home links as //arynews.tv/…; with no page URL known, those must
    // still be https.
    byte[] html = Files.readAllBytes(RealWorld.pages().resolve("arynews-article.html"));
    ExtractedPage p =
        assertInstanceOf(
                ExtractionResult.Extracted.class, extractor.extract(html, "text/html", null))
            .page();
    assertEquals("https://arynews.tv/govt-nothing-offer-in-talks-omar-ayub/", p.canonicalUrl());
    assertEquals("https://arynews.tv/wp-content/uploads/2024/12/omar-ayub.jpg", p.imageUrl());
  }

  @Test
  void sectionListingIsNotAnArticle() throws IOException {
    // Dunya's Pakistan section: fifty teaser links and no story.
    assertInstanceOf(ExtractionResult.TooShort.class, extract("dunya-en-listing-pakistan"));
  }
}
