package org.newswatch.ingest.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Pages that are not pages, or broken ones: each gives a clear result, never a hang or a crash. */
class BadPagesTest {
  private final ArticleExtractor extractor = new ArticleExtractor();

  private static final String ARTICLE =
      "<p>Officials said on Monday that the talks would resume next week in Islamabad, after a delay of "
          + "several months caused by disagreements over the agenda.</p>"
          + "<p>The two delegations are expected to discuss trade, border security and the return of "
          + "refugees, according to a statement from the foreign office.</p>";

  @Test
  void emptyAndNullPagesFail() {
    assertEquals(
        "empty page",
        ((ExtractionResult.Failed) extractor.extract(new byte[0], null, null)).reason());
    assertInstanceOf(
        ExtractionResult.Failed.class, extractor.extract(null, "text/html", "https://x.test/"));
  }

  @Test
  void binaryContentFailsAsNotHtml() {
    byte[] noise = new byte[100_000];
    new Random(1).nextBytes(noise);
    ExtractionResult r = extractor.extract(noise, "text/html", "https://x.test/a");
    assertTrue(((ExtractionResult.Failed) r).reason().startsWith("not HTML: binary"), r.toString());
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13};
    assertEquals(
        "not HTML: an image",
        ((ExtractionResult.Failed) extractor.extract(png, null, null)).reason());
    assertTrue(
        ((ExtractionResult.Failed)
                extractor.extract(
                    "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII), "application/pdf", null))
            .reason()
            .startsWith("not HTML"));
  }

  @Test
  void twentyMegabytesOfNestedDivsGiveAResult() {
    StringBuilder page = new StringBuilder("<html><body>");
    page.append("<div>".repeat(20 * 1024 * 1024 / 5));
    page.append(ARTICLE);
    byte[] bytes = page.toString().getBytes(StandardCharsets.US_ASCII);
    ExtractionResult r =
        extractor.extract(bytes, "text/html; charset=utf-8", "https://x.test/deep");
    // The article sits past the 5 MB cap: the page is cut, flagged, and found to hold no text.
    ExtractionResult.TooShort tooShort = assertInstanceOf(ExtractionResult.TooShort.class, r);
    assertTrue(
        tooShort.page().warnings().stream().anyMatch(w -> w.startsWith("page cut at")),
        tooShort.toString());
  }

  @Test
  void deepNestingUnderTheCapStillFindsTheText() {
    String page =
        "<html><body>"
            + "<div>".repeat(200_000)
            + ARTICLE
            + "</div>".repeat(200_000)
            + "</body></html>";
    ExtractionResult r = extractor.extract(page.getBytes(StandardCharsets.US_ASCII), null, null);
    ExtractionResult.Extracted e = assertInstanceOf(ExtractionResult.Extracted.class, r);
    assertTrue(e.page().body().startsWith("Officials said on Monday"), e.page().body());
  }

  @Test
  void sidebarNamedWrappersAroundAStoryBodyAreKeptAtAnyDepth() {
    // 500 nested wrappers named like furniture ("left-sidebar", as Jang names its story column;
    // jsoup stops nesting at 512) around a named story body of 400 paragraphs, with more than
    // half the page's text in a link box beside them so that no wrapper holds "most of the page".
    // Kept because they hold the body; the cleaner marks the body's ancestors once rather than
    // searching each wrapper's subtree (depth × paragraphs).
    String links =
        "<div class=\"links\">"
            + "<a href=/x>Petrol prices, cricket squads and the weather today</a> ".repeat(1_200)
            + "</div>";
    String page =
        "<html><body>"
            + links
            + "<div class=\"left-sidebar\">".repeat(500)
            + "<div class=\"post-body\">"
            + ARTICLE.repeat(200)
            + "</div>"
            + "</div>".repeat(500)
            + "</body></html>";
    ExtractionResult r = extractor.extract(page.getBytes(StandardCharsets.US_ASCII), null, null);
    ExtractionResult.Extracted e = assertInstanceOf(ExtractionResult.Extracted.class, r);
    assertTrue(e.page().body().startsWith("Officials said on Monday"), e.page().body());
  }

  @Test
  void manyParagraphsFarDownADeepTreeDoNotHang() {
    // Depth × paragraphs is what a careless walk up the tree would pay for; both are large here.
    String page =
        "<html><body>" + "<div>".repeat(300_000) + ARTICLE.repeat(5_000) + "</body></html>";
    ExtractionResult r = extractor.extract(page.getBytes(StandardCharsets.US_ASCII), null, null);
    ExtractionResult.Extracted e = assertInstanceOf(ExtractionResult.Extracted.class, r);
    assertTrue(e.page().body().startsWith("Officials said on Monday"));
  }

  @Test
  void tensOfThousandsOfDistinctParagraphsDoNotGoQuadratic() {
    StringBuilder page = new StringBuilder("<html><body><article>");
    for (int i = 0; i < 60_000; i++) {
      page.append("<p>Paragraph number ")
          .append(i)
          .append(" of a very long page, which says little and ends here.</p>");
    }
    ExtractionResult r =
        extractor.extract(
            page.append("</article></body></html>").toString().getBytes(StandardCharsets.US_ASCII),
            null,
            null);
    ExtractionResult.Extracted e = assertInstanceOf(ExtractionResult.Extracted.class, r);
    assertTrue(e.page().body().startsWith("Paragraph number 0 of a very long page"));
  }

  @Test
  void pageDeclaredUtf8ButWrittenInWindows1256IsDetected() {
    String urdu =
        "<html><head><meta charset=\"utf-8\"></head><body><div class=\"news\"><p>"
            + "کوئٹہ میں حکام نے بتایا ہے کہ سرحدی گزرگاہیں جمعرات سے دوبارہ کھول دی جائیں گی اور تاجروں کو آمد و رفت کی اجازت ہوگی۔"
            + "</p><p>وزارت داخلہ کے مطابق یہ فیصلہ دونوں ملکوں کے حکام کے درمیان مذاکرات کے بعد کیا گیا ہے اور اس پر فوری عمل ہوگا۔</p></div></body></html>";
    // windows-1256 has no Persian/Urdu ye (U+06CC): such pages write the Arabic one.
    byte[] bytes = urdu.replace('ی', 'ي').getBytes(Charset.forName("windows-1256"));
    ExtractionResult.Extracted e =
        assertInstanceOf(ExtractionResult.Extracted.class, extractor.extract(bytes, null, null));
    assertEquals("windows-1256", e.page().charset());
    assertTrue(e.page().body().startsWith("کوئٹہ ميں حکام"), e.page().body());
    assertEquals("ur", e.page().language());
  }

  @Test
  void strayInvalidBytesInAUtf8PageDoNotChangeTheCharset() {
    String page =
        "<html><body><article>"
            + ARTICLE.replace(
                "Islamabad", "Islamabad — Pakistan’s capital, where the café «Zürich» stands")
            + "</article></body></html>";
    byte[] good = page.getBytes(StandardCharsets.UTF_8);
    byte[] bad = new byte[good.length + 1];
    System.arraycopy(good, 0, bad, 0, 40);
    bad[40] = (byte) 0xFF;
    System.arraycopy(good, 40, bad, 41, good.length - 40);
    ExtractionResult.Extracted e =
        assertInstanceOf(ExtractionResult.Extracted.class, extractor.extract(bad, null, null));
    assertEquals("UTF-8", e.page().charset());
    assertTrue(e.page().body().contains("Pakistan’s capital"));
  }

  @Test
  void pageMixingUtf8AndLatin1IsReadAsUtf8WithAWarning() {
    byte[] urdu =
        ("<html><body><article><p>"
                + "کوئٹہ میں حکام نے بتایا ہے کہ سرحدی گزرگاہیں کھول دی جائیں گی۔ ".repeat(6)
                + "</p><p>")
            .getBytes(StandardCharsets.UTF_8);
    byte[] latin1 =
        "Le caf\u00e9 de la gare a ferm\u00e9, a d\u00e9clar\u00e9 le maire. "
            .repeat(4)
            .getBytes(StandardCharsets.ISO_8859_1);
    byte[] end = "</p></article></body></html>".getBytes(StandardCharsets.UTF_8);
    byte[] page = new byte[urdu.length + latin1.length + end.length];
    System.arraycopy(urdu, 0, page, 0, urdu.length);
    System.arraycopy(latin1, 0, page, urdu.length, latin1.length);
    System.arraycopy(end, 0, page, urdu.length + latin1.length, end.length);
    ExtractionResult.Extracted e =
        assertInstanceOf(ExtractionResult.Extracted.class, extractor.extract(page, null, null));
    assertEquals("UTF-8", e.page().charset());
    assertTrue(
        e.page().warnings().stream().anyMatch(w -> w.startsWith("broken encoding")),
        e.page().warnings().toString());
    assertEquals("ur", e.page().language());
  }

  @Test
  void truncatedPageStillExtracts() {
    String page =
        "<html><head><title>Talks</title></head><body><article>"
            + ARTICLE
            + "<p>The delegation will be led by the dep";
    ExtractionResult.Extracted e =
        assertInstanceOf(
            ExtractionResult.Extracted.class,
            extractor.extract(page.getBytes(StandardCharsets.UTF_8), null, null));
    assertTrue(e.page().body().endsWith("led by the dep"), e.page().body());
  }

  @Test
  void utf16PageWithByteOrderMarkIsRead() {
    String page = "\uFEFF<html><body><article>" + ARTICLE + "</article></body></html>";
    ExtractionResult.Extracted e =
        assertInstanceOf(
            ExtractionResult.Extracted.class,
            extractor.extract(page.getBytes(StandardCharsets.UTF_16LE), null, null));
    assertEquals("UTF-16LE", e.page().charset());
  }

  @Test
  void scriptOnlyPageIsTooShortWithAReason() {
    String page =
        "<html><body><div id=\"root\"></div><script>render({\"a\":1})</script></body></html>";
    ExtractionResult.TooShort t =
        assertInstanceOf(
            ExtractionResult.TooShort.class,
            extractor.extract(page.getBytes(StandardCharsets.UTF_8), "text/html", null));
    assertTrue(t.reason().startsWith("only 0 characters"), t.reason());
  }
}
