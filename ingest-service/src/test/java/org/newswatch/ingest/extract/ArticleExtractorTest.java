package org.newswatch.ingest.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Metadata and special page shapes, on corpus pages and small hand-made ones. */
class ArticleExtractorTest {
  private final ArticleExtractor extractor = new ArticleExtractor();

  static byte[] corpus(String name) throws IOException {
    try (InputStream in =
        ArticleExtractorTest.class.getResourceAsStream("/extract/corpus/" + name + ".html")) {
      return in.readAllBytes();
    }
  }

  ExtractedPage extracted(String name) throws IOException {
    ExtractionResult r = extractor.extract(corpus(name), null, "https://corpus.test/" + name);
    return assertInstanceOf(ExtractionResult.Extracted.class, r).page();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      en-border-classic         | Pakistan and Iran agree to reopen two border crossings after month-long closure | Sana Baloch    | 2024-03-05T04:30:00Z | en | The Frontier Ledger
      en-solar-wordpress        | Government drops plan to cut payments for rooftop solar power                    | Zafar Bhutta   | 2024-03-28T11:20:00Z | en | Energy Review
      en-cricket-amp            | Quetta Gladiators win thriller to reach final                                    | Ahsan Mir      | 2024-03-14T19:45:00Z | en | Sports Desk
      en-gwadar-microdata       | Gwadar residents protest as water shortage enters second month                   | Kiyya Baloch   | 2024-05-18T06:00:00Z | en |
      en-smartphone-jsonld      | Smartphone importers warn new tax will push buyers to grey market                | Kamran Aziz    | 2024-06-15T07:00:00Z | en | TechPak
      en-earthquake-table-latin1| Magnitude 5.9 earthquake kills at least 20 in Harnai                             |                |                      | en |
      ur-border-brdiv           | پاکستان اور ایران کا سرحدی گزرگاہیں دوبارہ کھولنے پر اتفاق                         |                | 2024-03-05T05:00:00Z | ur | روزنامہ سرحد
      fa-election-wordpress     | دور دوم انتخابات ریاست جمهوری با تمرکز بر میزان مشارکت برگزار شد                   | پریسا حافظی    | 2024-07-05T04:30:00Z | fa | روزنامه امروز
      ps-torkham-brdiv          | د تورخم له لارې زرګونه افغانان بېرته خپل هېواد ته ستانه شول                       |                | 2023-11-01T10:30:00Z | ps | پښتو خبرونه
      ar-oil-classic            | ارتفاع أسعار النفط بعد قرار خفض الإنتاج                                           | أحمد الخطيب    | 2024-06-03T06:00:00Z | ar | الاقتصاد اليوم
      """)
  void readsMetadata(
      String name, String title, String author, String published, String language, String site)
      throws IOException {
    ExtractedPage p = extracted(name);
    assertEquals(title, p.title());
    if (author != null) {
      assertEquals(List.of(author), p.authors());
    }
    assertEquals(published == null ? null : Instant.parse(published), p.publishedAt());
    assertEquals(language, p.language());
    assertEquals(site, p.siteName());
  }

  @Test
  void readsCanonicalImageSectionAndKeywords() throws IOException {
    ExtractedPage p = extracted("en-smartphone-jsonld");
    assertEquals("json-ld", p.method());
    assertEquals("https://app.harbortimes.news/img/lead.jpg", p.imageUrl());
    assertEquals("Technology", p.section());
    assertEquals(List.of("Pakistan", "Technology"), p.keywords());
    assertEquals(Instant.parse("2024-06-15T07:00:00Z"), p.modifiedAt());
    ExtractedPage amp = extracted("en-cricket-amp");
    assertTrue(
        amp.canonicalUrl().startsWith("https://www.dailyindusmail.com/"), amp.canonicalUrl());
  }

  @Test
  void noscriptOnlyPageGivesItsText() throws IOException {
    ExtractedPage p = extracted("fa-earthquake-noscript");
    assertEquals("page", p.method());
    assertTrue(p.body().startsWith("زمین‌لرزه‌ای به بزرگی"), p.body());
  }

  @Test
  void titleLosesTheSiteSuffixOrPrefix() {
    assertEquals(
        "Floods in Sindh",
        MetadataReader.withoutSiteName("Floods in Sindh | Daily Indus Mail", "Daily Indus Mail"));
    assertEquals(
        "Floods in Sindh kill 12 and displace thousands",
        MetadataReader.withoutSiteName(
            "Floods in Sindh kill 12 and displace thousands - Dawn", null));
    assertEquals(
        "Floods in Sindh kill 12 and displace thousands",
        MetadataReader.withoutSiteName(
            "Quetta Observer :: Floods in Sindh kill 12 and displace thousands", null));
    assertEquals(
        "Iran: talks resume in Geneva",
        MetadataReader.withoutSiteName("Iran: talks resume in Geneva", null));
  }

  @Test
  void authorsComeFromJsonLdMetasAndBylines() {
    String page =
        """
        <html><head><meta name="author" content="By Sana Baloch and Imran Qureshi"></head>
        <body><article><p>Officials said on Monday that the talks would resume next week in Islamabad, after a delay of
        several months caused by disagreements over the agenda and the venue.</p></article></body></html>""";
    ExtractedPage p =
        ((ExtractionResult.Extracted)
                extractor.extract(page.getBytes(StandardCharsets.UTF_8), null, null))
            .page();
    assertEquals(List.of("Sana Baloch", "Imran Qureshi"), p.authors());

    String publisherAsAuthor =
        page.replace("By Sana Baloch and Imran Qureshi", "Daily Indus Mail")
            .replace(
                "<head>", "<head><meta property=\"og:site_name\" content=\"Daily Indus Mail\">");
    ExtractedPage q =
        ((ExtractionResult.Extracted)
                extractor.extract(publisherAsAuthor.getBytes(StandardCharsets.UTF_8), null, null))
            .page();
    assertEquals(List.of(), q.authors());
  }

  @Test
  void feedDescriptionStandsInForAMissingOrEmptyPage() {
    String description =
        "<p>Pakistan and Iran agreed on Tuesday to reopen the Taftan and Mand crossings, ending a closure "
            + "that had stranded hundreds of lorries on both sides of the border.</p>";
    ExtractionResult fromNothing = extractor.extract(null, null, "https://x.test/a", description);
    ExtractedPage p = assertInstanceOf(ExtractionResult.Extracted.class, fromNothing).page();
    assertEquals("feed-description", p.method());
    assertTrue(p.body().startsWith("Pakistan and Iran agreed"));
    assertTrue(p.warnings().get(0).contains("empty page"), p.warnings().toString());
    assertEquals("en", p.language());

    byte[] consentWall =
        "<html><head><title>Consent</title></head><body><p>Please accept cookies.</p></body></html>"
            .getBytes(StandardCharsets.UTF_8);
    ExtractedPage q =
        ((ExtractionResult.Extracted) extractor.extract(consentWall, null, null, description))
            .page();
    assertEquals("feed-description", q.method());
    assertEquals("Consent", q.title());
  }

  @Test
  void tooShortWithoutADescriptionSaysWhy() {
    byte[] gallery =
        "<html><body><h1>In pictures</h1><figure><img src=a.jpg><figcaption>Floods</figcaption></figure></body></html>"
            .getBytes(StandardCharsets.UTF_8);
    ExtractionResult.TooShort t =
        assertInstanceOf(ExtractionResult.TooShort.class, extractor.extract(gallery, null, null));
    assertTrue(t.reason().contains("characters of article text"), t.reason());
    assertEquals("In pictures", t.page().title());
  }

  @Test
  void bodyKeepsHeadingsAndDropsBoilerplate() throws IOException {
    ExtractedPage p = extracted("en-monsoon-portal");
    assertTrue(p.body().contains("\n\nDrains blocked again\n\n"), p.body());
    assertFalse(p.body().contains("cookies"));
    assertFalse(p.body().contains("Promoted content"));
    assertEquals("en", p.declaredLanguage());
  }

  @Test
  void proseBetweenTheArticlesBlocksIsKeptEvenInAnotherContainer() {
    String p =
        "<p>Paragraph %d of the story: officials in Quetta said the crossing would stay open through the "
            + "winter, and that traders would need new permits from the provincial government.</p>";
    String page =
        "<html><body><nav><a href=/>Home</a></nav><main>"
            + "<div class=\"wrap\"><div class=\"story-text\">"
            + p.formatted(1)
            + p.formatted(2)
            + p.formatted(3)
            + "</div>"
            + "<div class=\"module\"><div class=\"inner\"><div>"
            + p.formatted(4)
            + "</div></div></div>"
            + "<div class=\"story-text-2\"><div>"
            + p.formatted(5)
            + "</div></div></div>"
            + "<div class=\"teasers\"><h3>Elsewhere</h3><p>Cricket: Quetta win the final in Karachi, and the coach said the "
            + "team had earned it over a long season.</p></div></main></body></html>";
    ExtractedPage e =
        ((ExtractionResult.Extracted)
                extractor.extract(page.getBytes(StandardCharsets.UTF_8), null, null))
            .page();
    for (int i = 1; i <= 5; i++) {
      assertTrue(e.body().contains("Paragraph " + i + " of the story"), i + ": " + e.body());
    }
    assertFalse(e.body().contains("Cricket"), e.body());
  }

  @Test
  void brokenJsonLdIsSkippedAndGraphsAndAuthorListsAreRead() {
    String page =
        """
        <html><head>
        <script type="application/ld+json">{"@type": "NewsArticle", "headline": "broken,}</script>
        <script type="application/ld+json">
        {"@context": "https://schema.org", "@graph": [
          {"@type": "Organization", "name": "Harbor Times"},
          {"@type": ["NewsArticle", "Article"], "headline": "Port strike ends after four days",
           "author": [{"@type": "Person", "name": "Asma Siddiqui"}, "Tariq Naqash"],
           "datePublished": "2024-05-25T10:30:00+05:00", "dateModified": "2024-05-25T12:00:00+05:00",
           "publisher": {"@type": "Organization", "name": "Harbor Times"},
           "keywords": "ports, strikes, Karachi", "inLanguage": "en-PK",
           "image": [{"@type": "ImageObject", "url": "/img/port.jpg"}]}
        ]}
        </script></head>
        <body><article><p>Dock workers at Karachi port returned to work on Saturday after the port authority agreed to
        review their wages, ending a four-day strike that had left dozens of ships waiting offshore.</p></article></body></html>
        """;
    ExtractedPage e =
        ((ExtractionResult.Extracted)
                extractor.extract(
                    page.getBytes(StandardCharsets.UTF_8),
                    null,
                    "https://harbor.test/news/port-strike"))
            .page();
    assertEquals("Port strike ends after four days", e.title());
    assertEquals(List.of("Asma Siddiqui", "Tariq Naqash"), e.authors());
    assertEquals(Instant.parse("2024-05-25T05:30:00Z"), e.publishedAt());
    assertEquals(Instant.parse("2024-05-25T07:00:00Z"), e.modifiedAt());
    assertEquals("Harbor Times", e.siteName());
    assertEquals(List.of("ports", "strikes", "Karachi"), e.keywords());
    assertEquals("https://harbor.test/img/port.jpg", e.imageUrl());
    assertEquals("en", e.declaredLanguage());
  }

  @Test
  void bidiControlsAreDroppedFromRtlText() {
    String page =
        "<html dir=rtl><body><article><p>\u200fکوئٹہ میں حکام نے بتایا ہے کہ سرحدی گزرگاہیں جمعرات سے\u200f دوبارہ "
            + "کھول دی جائیں گی اور تاجروں کو آمد و رفت کی اجازت ہوگی۔\u202b وزارت داخلہ کے مطابق فیصلہ مذاکرات کے بعد کیا گیا۔\u202c</p>"
            + "</article></body></html>";
    ExtractedPage e =
        ((ExtractionResult.Extracted)
                extractor.extract(page.getBytes(StandardCharsets.UTF_8), null, null))
            .page();
    assertFalse(
        e.body().chars().anyMatch(c -> c == 0x200f || c == 0x202b || c == 0x202c), e.body());
    assertTrue(e.body().startsWith("کوئٹہ میں"));
  }

  @Test
  void plainTextFeedDescriptionIsUsedToo() {
    String description =
        "پاکستان اور ایران نے تفتان اور منڈ کی سرحدی گزرگاہیں جمعرات سے دوبارہ کھولنے پر اتفاق کر لیا ہے، "
            + "جس کے بعد ایک ماہ سے پھنسے سینکڑوں ٹرک ڈرائیوروں نے سکھ کا سانس لیا ہے۔";
    ExtractedPage p =
        ((ExtractionResult.Extracted) extractor.extract(new byte[0], null, null, description))
            .page();
    assertEquals(description, p.body());
    assertEquals("ur", p.language());
  }

  @Test
  void siteLogoInAnH1IsNotTheTitle() {
    String page =
        """
        <html><head><title>Council approves new bus routes for Quetta – City Times</title></head>
        <body><header><h1 class="site-title"><a href="/">City Times</a></h1></header>
        <div class="post"><h1>Council approves new bus routes for Quetta</h1>
        <p>The city council approved four new bus routes on Tuesday, linking Satellite Town and Sariab Road with
        the city centre, and said services would begin next month.</p></div></body></html>""";
    ExtractedPage p =
        ((ExtractionResult.Extracted)
                extractor.extract(page.getBytes(StandardCharsets.UTF_8), null, null))
            .page();
    assertEquals("Council approves new bus routes for Quetta", p.title());
    String noTitleTag =
        page.replace("<title>Council approves new bus routes for Quetta – City Times</title>", "");
    ExtractedPage q =
        ((ExtractionResult.Extracted)
                extractor.extract(noTitleTag.getBytes(StandardCharsets.UTF_8), null, null))
            .page();
    assertEquals("Council approves new bus routes for Quetta", q.title());
  }

  @Test
  void theArticleWhoseHeadingIsTheTitleWinsOverALongerNextStory() {
    String first =
        "<p>The city council approved four new bus routes on Tuesday, linking Satellite Town and Sariab Road "
            + "with the city centre, and said services would begin next month.</p>";
    String next =
        "<p>Wheat flour prices rose for a third week in Quetta, with a 20-kilogram bag selling for 2,900 rupees, "
            + "as millers blamed transport costs and a shortage of government wheat.</p>";
    String page =
        "<html><head><meta property=\"og:title\" content=\"Council approves new bus routes\"></head><body>"
            + "<article><header><h1>Council approves new bus routes</h1></header>"
            + first
            + first.replace("four", "the")
            + "</article>"
            + "<div class=\"up-next\"><article><header><h2>Flour prices rise again</h2></header>"
            + next.repeat(4)
            + "</article></div>"
            + "</body></html>";
    ExtractedPage p =
        ((ExtractionResult.Extracted)
                extractor.extract(page.getBytes(StandardCharsets.UTF_8), null, null))
            .page();
    assertTrue(p.body().startsWith("The city council approved"), p.body());
    assertFalse(p.body().contains("Wheat flour"), p.body());
  }

  @Test
  void teasersOfTheLeadAreDropped() {
    String lead =
        "Pakistan and Iran agreed on Tuesday to reopen the Taftan and Mand crossings, ending a closure that "
            + "had stranded hundreds of lorries on both sides of the border.";
    String page =
        "<html><body><div class=\"story\"><div class=\"excerpt\">"
            + lead.substring(0, 70)
            + "…</div>"
            + "<div class=\"dek\">"
            + lead.substring(0, 90)
            + "</div>"
            + "<div class=\"story-text\"><p>"
            + lead
            + "</p><p>Pakistani and Iranian officials will meet again next month in "
            + "Quetta to review the arrangement, the statement said.</p></div></div></body></html>";
    ExtractedPage p =
        ((ExtractionResult.Extracted)
                extractor.extract(page.getBytes(StandardCharsets.UTF_8), null, null))
            .page();
    assertEquals(
        lead
            + "\n\nPakistani and Iranian officials will meet again next month in Quetta to review the arrangement, "
            + "the statement said.",
        p.body());
  }
}
