package org.newswatch.ingest.extract;

/** The outcome of extracting one page: an article, too little text to be one, or a failure. */
public sealed interface ExtractionResult {

  /** The page held an article. */
  record Extracted(ExtractedPage page) implements ExtractionResult {}

  /**
   * The page parsed but held almost no text (a gallery, a paywall, a consent wall): flagged, not an
   * article.
   */
  record TooShort(ExtractedPage page, String reason) implements ExtractionResult {}

  /** The page could not be read at all (not HTML, undecodable). */
  record Failed(String reason) implements ExtractionResult {}
}
