package org.newswatch.ingest.extract;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Pulls an article's title and main text out of an HTML page. Takes bytes and never fetches.
 *
 * <p>First version: the title from {@code og:title} or {@code <title>}, the body from the
 * paragraphs of {@code <article>} (or of the whole page). Issue 4 deepens this.
 */
public final class ArticleExtractor {
  /** Fewer characters of body than this and the page is not taken as an article. */
  static final int MIN_BODY_CHARS = 80;

  public ExtractionResult extract(byte[] html, String contentType, String url) {
    if (html == null || html.length == 0) {
      return new ExtractionResult.Failed("empty page");
    }
    Document doc = Jsoup.parse(new String(html, StandardCharsets.UTF_8), url);
    Element meta = doc.selectFirst("meta[property=og:title]");
    String title = meta != null ? meta.attr("content") : doc.title();
    Element root = doc.selectFirst("article");
    if (root == null) {
      root = doc.body();
    }
    List<String> paragraphs = new ArrayList<>();
    for (Element p : root.select("p")) {
      String text = p.text().strip();
      if (!text.isEmpty()) {
        paragraphs.add(text);
      }
    }
    String body = String.join("\n\n", paragraphs);
    String lang = doc.selectFirst("html") == null ? null : doc.selectFirst("html").attr("lang");
    ExtractedPage page =
        new ExtractedPage(title, body, List.of(), null, null, null, lang == null || lang.isBlank() ? null : lang,
            null, null, List.of(), List.of());
    if (body.length() < MIN_BODY_CHARS) {
      return new ExtractionResult.TooShort(page, "only " + body.length() + " characters of text");
    }
    return new ExtractionResult.Extracted(page);
  }
}
