package org.newswatch.ingest.extract;

import java.time.Instant;
import java.util.List;

/**
 * What extraction found in one page. {@code body} is the article's main text as paragraphs
 * separated by blank lines; any field the page did not give is null (lists: empty).
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
    List<String> warnings) {

  public ExtractedPage {
    authors = authors == null ? List.of() : List.copyOf(authors);
    keywords = keywords == null ? List.of() : List.copyOf(keywords);
    warnings = warnings == null ? List.of() : List.copyOf(warnings);
  }
}
