package org.newswatch.ingest.extract;

import java.time.Instant;
import java.util.List;

/**
 * What extraction found in one page. {@code body} is the article's main text as paragraphs
 * separated by blank lines; any field the page did not give is null (lists: empty).
 *
 * <p>{@code language} is the language of the text (detected, else declared), {@code
 * declaredLanguage} what the page said; {@code method} says where the body came from: {@code page}
 * (the HTML), {@code json-ld} (the page's schema.org {@code articleBody}), {@code next-data} (a
 * Next.js page's {@code __NEXT_DATA__} props) or {@code feed-description} (the page gave nothing
 * usable); {@code charset} is the encoding the bytes were read in.
 */
public record ExtractedPage(
    String title,
    String body,
    List<String> authors,
    Instant publishedAt,
    Instant modifiedAt,
    String canonicalUrl,
    String language,
    String siteName,
    String imageUrl,
    List<String> keywords,
    List<String> warnings,
    String section,
    String declaredLanguage,
    String charset,
    String method) {

  public ExtractedPage {
    authors = authors == null ? List.of() : List.copyOf(authors);
    keywords = keywords == null ? List.of() : List.copyOf(keywords);
    warnings = warnings == null ? List.of() : List.copyOf(warnings);
  }

  /** The first version's shape, kept for callers written against it. */
  public ExtractedPage(
      String title,
      String body,
      List<String> authors,
      Instant publishedAt,
      Instant modifiedAt,
      String canonicalUrl,
      String language,
      String siteName,
      String imageUrl,
      List<String> keywords,
      List<String> warnings) {
    this(
        title,
        body,
        authors,
        publishedAt,
        modifiedAt,
        canonicalUrl,
        language,
        siteName,
        imageUrl,
        keywords,
        warnings,
        null,
        null,
        null,
        "page");
  }
}
