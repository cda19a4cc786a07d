package org.newswatch.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.ExtendWith;
import org.newswatch.common.Json;
import org.newswatch.ingest.publish.ArticleCaps;

/**
 * Fuzzes {@link ArticleCaps}, which cuts whatever text a feed or page gave before it is published:
 * a cut body must fit {@link ArticleCaps#MAX_BODY_BYTES} once written as JSON, be a prefix of the
 * text, and never end in half a surrogate pair; titles and names stay within their caps. The text
 * is repeated up to 300,000 characters to pass the body cap, since one input is at most 64 KiB.
 */
@ExtendWith(FuzzSummary.class)
class ArticleCapsFuzzTest {

  @FuzzTest(maxDuration = "12s")
  void bound(FuzzedDataProvider data) {
    FuzzSummary.executed();
    // Up to 300,000 characters: past the cap (262,144 bytes) for any text, and no further, since
    // longer bodies only cost time.
    int length = data.consumeInt(0, 300_000);
    String text = data.consumeRemainingAsString();
    String body = text.repeat(text.isEmpty() ? 1 : length / text.length() + 1);
    List<String> warnings = new ArrayList<>();
    String cut = ArticleCaps.body(body, warnings);
    assertTrue(body.startsWith(cut));
    // Jackson's own encoding: the JSON string minus its two quotes.
    assertTrue(Json.toBytes(cut).length - 2 <= ArticleCaps.MAX_BODY_BYTES, "body over the cap");
    assertEquals(cut.length() < body.length(), !warnings.isEmpty());
    assertFalse(
        !cut.isEmpty() && Character.isHighSurrogate(cut.charAt(cut.length() - 1)),
        "half a surrogate pair");

    String title = ArticleCaps.title(text);
    assertTrue(title.length() <= ArticleCaps.MAX_TITLE_CHARS);
    List<String> names = ArticleCaps.names(List.of(text, text.strip(), text));
    assertTrue(
        names.stream().allMatch(n -> n.length() <= ArticleCaps.MAX_NAME_CHARS && !n.isBlank()));
  }
}
