package org.newswatch.fuzz;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.extension.ExtendWith;
import org.newswatch.ingest.extract.ArticleExtractor;
import org.newswatch.ingest.extract.ExtractionResult;

/**
 * Fuzzes {@link ArticleExtractor}, which turns a fetched page's raw bytes into an article: the
 * charset sniffing on bytes, jsoup, metadata and JSON-LD reading, boilerplate removal and language
 * detection. Its contract is a result for every input ({@code Extracted}, {@code TooShort} or
 * {@code Failed}); any exception is a crash.
 */
@ExtendWith(FuzzSummary.class)
class ArticleExtractorFuzzTest {
  private static final String URL = "https://news.example.org/2026/11/28/story.html";

  /** What servers send, including lies about the charset and types that are not pages. */
  private static final String[] CONTENT_TYPES = {
    null,
    "text/html",
    "text/html; charset=utf-8",
    "text/html; charset=windows-1256",
    "text/html; charset=ISO-8859-1",
    "text/html; charset=\"utf-16\"",
    "application/xhtml+xml",
    "text/html; charset=no-such-charset",
    "application/pdf",
  };

  private final ArticleExtractor extractor = new ArticleExtractor();

  @FuzzTest(maxDuration = "15s")
  void extract(FuzzedDataProvider data) {
    FuzzSummary.executed();
    // Selectors come from the end of the input, so a checked-in page stays a page.
    int pick = data.consumeInt(0, CONTENT_TYPES.length);
    boolean withDescription = data.consumeBoolean();
    String contentType =
        pick == CONTENT_TYPES.length ? data.consumeString(80) : CONTENT_TYPES[pick];
    // The feed item's description, the fallback body: HTML from the same untrusted feed.
    String description = withDescription ? data.consumeString(600) : null;
    byte[] page = data.consumeRemainingAsBytes();
    ExtractionResult result = extractor.extract(page, contentType, URL, description);
    assertNotNull(result);
  }
}
