package org.newswatch.ingest.extract;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Pulls an article's main text and metadata out of an HTML page. Takes bytes and never fetches.
 *
 * <p>Steps: refuse what is not a page (binary, images, PDFs); find the charset from the bytes
 * ({@link CharsetSniffer}); parse with jsoup; read metadata from the untouched document ({@link
 * MetadataReader}); strip boilerplate ({@link PageCleaner}); find the article's paragraphs ({@link
 * MainTextFinder}); prefer the page's JSON-LD {@code articleBody} when the HTML shows much less
 * than it (script-rendered pages); detect the language ({@link LanguageDetector}). A page whose
 * text is almost nothing is {@code TooShort}; when a feed description is given, it stands in for
 * the missing text and the page says so.
 *
 * <p>Thread-safe and stateless: one instance can serve every fetch thread.
 */
public final class ArticleExtractor {
  /** Fewer characters of body than this and the page is not taken as an article. */
  static final int MIN_BODY_CHARS = 120;

  /**
   * Pages are cut at 5 MB: the largest real article pages are 2–3 MB with inline scripts, and a cap
   * bounds time and memory for hostile ones (20 MB of nested divs parses in seconds otherwise).
   */
  public static final int MAX_BYTES = 5 * 1024 * 1024;

  public ExtractionResult extract(byte[] html, String contentType, String url) {
    return extract(html, contentType, url, null);
  }

  /**
   * As {@link #extract(byte[], String, String)}, with the feed item's description as a fallback
   * body: used (method {@code feed-description}) when the page is missing or yields too little.
   * {@code html} may be null when the page could not be fetched at all.
   */
  public ExtractionResult extract(
      byte[] html, String contentType, String url, String feedDescription) {
    ExtractionResult fromPage = fromPage(html, contentType, url);
    if (fromPage instanceof ExtractionResult.Extracted || feedDescription == null) {
      return fromPage;
    }
    String description = descriptionText(feedDescription);
    if (description.length() < MIN_BODY_CHARS / 2) {
      return fromPage;
    }
    String why =
        switch (fromPage) {
          case ExtractionResult.TooShort t -> t.reason();
          case ExtractionResult.Failed f -> f.reason();
          case ExtractionResult.Extracted e -> "";
        };
    ExtractedPage base = fromPage instanceof ExtractionResult.TooShort t ? t.page() : null;
    List<String> warnings = new ArrayList<>(base == null ? List.of() : base.warnings());
    warnings.add("body from the feed description: " + why);
    String declared = base == null ? null : base.declaredLanguage();
    String language = LanguageDetector.choose(declared, LanguageDetector.detect(description));
    ExtractedPage page =
        base == null
            ? new ExtractedPage(
                null,
                description,
                List.of(),
                null,
                null,
                null,
                language,
                null,
                null,
                List.of(),
                warnings,
                null,
                null,
                null,
                "feed-description")
            : new ExtractedPage(
                base.title(),
                description,
                base.authors(),
                base.publishedAt(),
                base.modifiedAt(),
                base.canonicalUrl(),
                language,
                base.siteName(),
                base.imageUrl(),
                base.keywords(),
                warnings,
                base.section(),
                declared,
                base.charset(),
                "feed-description");
    return new ExtractionResult.Extracted(page);
  }

  private static String descriptionText(String description) {
    // Feed descriptions are often HTML fragments; keep their paragraphs.
    List<String> paragraphs = new ArrayList<>();
    for (TextBlocks.Block b : TextBlocks.collect(Jsoup.parseBodyFragment(description).body())) {
      paragraphs.add(b.text());
    }
    return String.join("\n\n", paragraphs).strip();
  }

  private ExtractionResult fromPage(byte[] html, String contentType, String url) {
    if (html == null || html.length == 0) {
      return new ExtractionResult.Failed("empty page");
    }
    String notHtml = notHtmlReason(html, contentType);
    if (notHtml != null) {
      return new ExtractionResult.Failed(notHtml);
    }
    List<String> warnings = new ArrayList<>();
    byte[] bytes = html;
    if (bytes.length > MAX_BYTES) {
      bytes = Arrays.copyOf(bytes, MAX_BYTES);
      warnings.add("page cut at " + MAX_BYTES + " of " + html.length + " bytes");
    }
    CharsetSniffer.Sniffed sniffed = CharsetSniffer.sniff(bytes, contentType);
    Charset charset = sniffed.charset();
    if (sniffed.source().startsWith("utf8-over") || sniffed.source().equals("detected")) {
      warnings.add("charset " + charset.name() + " (" + sniffed.source() + ")");
    }
    String text = new String(bytes, charset);
    // One undecodable character in 500 is more than a stray byte: the page is mis-encoded in parts.
    if (replacementShare(text) > 0.002) {
      warnings.add("broken encoding: undecodable bytes in " + charset.name());
    }
    Document doc = Jsoup.parse(text, url == null ? "" : url);
    MetadataReader.PageMetadata meta = MetadataReader.read(doc);
    String nextData = NextDataBody.find(doc); // before the cleaner drops scripts
    Element body = doc.body();
    MainTextFinder.markHeadlineArticle(body, meta.title());
    PageCleaner.clean(body);
    List<String> paragraphs = MainTextFinder.paragraphs(body, meta.title());
    String bodyText = String.join("\n\n", paragraphs);
    String method = "page";
    String ldBody = meta.jsonLdBody() == null ? null : structuredBodyText(meta.jsonLdBody());
    // Script-rendered pages show a teaser in HTML and the full text only in JSON-LD or in the
    // framework's page data (Next.js).
    if (ldBody != null && ldBody.length() > Math.max(MIN_BODY_CHARS, bodyText.length() * 1.3)) {
      bodyText = ldBody;
      method = "json-ld";
    }
    if (nextData != null && nextData.length() > Math.max(MIN_BODY_CHARS, bodyText.length() * 1.3)) {
      bodyText = nextData;
      method = "next-data";
    }
    String detected = LanguageDetector.detect(bodyText.isEmpty() ? meta.title() : bodyText);
    ExtractedPage page =
        new ExtractedPage(
            meta.title(),
            bodyText,
            meta.authors(),
            meta.publishedAt(),
            meta.modifiedAt(),
            meta.canonicalUrl(),
            LanguageDetector.choose(meta.declaredLanguage(), detected),
            meta.siteName(),
            meta.imageUrl(),
            meta.keywords(),
            warnings,
            meta.section(),
            meta.declaredLanguage(),
            charset.name(),
            method);
    if (bodyText.length() < MIN_BODY_CHARS) {
      return new ExtractionResult.TooShort(
          page,
          "only "
              + bodyText.length()
              + " characters of article text (at least "
              + MIN_BODY_CHARS
              + " needed)");
    }
    return new ExtractionResult.Extracted(page);
  }

  /**
   * A body given as data (JSON-LD articleBody, Next.js props): plain text with newlines, or HTML.
   */
  static String structuredBodyText(String ld) {
    if (ld.contains("<p") || ld.contains("<br")) {
      return descriptionText(ld);
    }
    List<String> paragraphs = new ArrayList<>();
    for (String p : ld.split("\\s*\\n\\s*")) {
      String s = p.strip().replaceAll("\\s+", " ");
      if (!s.isEmpty()) {
        paragraphs.add(s);
      }
    }
    return String.join("\n\n", paragraphs);
  }

  /** Why these bytes are not an HTML page, or null if they may be one. */
  static String notHtmlReason(byte[] b, String contentType) {
    if (contentType != null) {
      String ct = contentType.toLowerCase(Locale.ROOT);
      if (ct.startsWith("image/")
          || ct.startsWith("video/")
          || ct.startsWith("audio/")
          || ct.startsWith("application/pdf")
          || ct.startsWith("application/zip")
          || ct.startsWith("application/octet-stream")) {
        return "not HTML: Content-Type " + contentType;
      }
    }
    if (startsWith(b, 0x25, 0x50, 0x44, 0x46)) {
      return "not HTML: a PDF document";
    }
    if (startsWith(b, 0x89, 0x50, 0x4E, 0x47)
        || startsWith(b, 0xFF, 0xD8, 0xFF)
        || startsWith(b, 0x47, 0x49, 0x46)) {
      return "not HTML: an image";
    }
    if (startsWith(b, 0x1F, 0x8B)) {
      return "not HTML: gzip-compressed bytes (decompress first)";
    }
    if (startsWith(b, 0x50, 0x4B, 0x03, 0x04)) {
      return "not HTML: a ZIP archive";
    }
    if (CharsetSniffer.bomCharset(b) != null) {
      return null; // UTF-16 pages are full of NUL bytes
    }
    int n = Math.min(b.length, 8192);
    int control = 0;
    for (int i = 0; i < n; i++) {
      int c = b[i] & 0xFF;
      if (c == 0 || c < 0x09 || (c > 0x0D && c < 0x20 && c != 0x1B)) {
        control++;
      }
    }
    // Text never has NULs; 1 % control bytes is binary by any measure.
    return control * 100 > n
        ? "not HTML: binary content (" + control + " control bytes in the first " + n + ")"
        : null;
  }

  private static boolean startsWith(byte[] b, int... magic) {
    if (b.length < magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if ((b[i] & 0xFF) != magic[i]) {
        return false;
      }
    }
    return true;
  }

  /** The share of characters that could not be decoded (U+FFFD). */
  private static double replacementShare(String s) {
    int bad = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == '\uFFFD') {
        bad++;
      }
    }
    return s.isEmpty() ? 0 : (double) bad / s.length();
  }
}
