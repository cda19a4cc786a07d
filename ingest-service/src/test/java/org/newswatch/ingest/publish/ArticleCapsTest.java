package org.newswatch.ingest.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.newswatch.common.Json;

class ArticleCapsTest {

  /**
   * Hostile bodies: one character repeated past the cap, in one, two, three and four UTF-8 bytes,
   * and escapes.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "ascii, a, 1",
    "urdu, ب, 2",
    "cjk, 中, 3",
    "emoji (surrogate pairs), 😀, 4",
    "quotes (escaped as two bytes), \", 2",
  })
  void aBodyIsCutToTheCapInJsonBytesWithAWarning(String name, String unit, int bytesEach) {
    String body = unit.repeat(ArticleCaps.MAX_BODY_BYTES / bytesEach * 2);
    List<String> warnings = new ArrayList<>();
    String cut = ArticleCaps.body(body, warnings);
    int jsonBytes = Json.toBytes(cut).length - 2; // without the string's quotes
    assertTrue(jsonBytes <= ArticleCaps.MAX_BODY_BYTES, name + ": " + jsonBytes);
    assertTrue(jsonBytes > ArticleCaps.MAX_BODY_BYTES - 8, name + ": cut too early, " + jsonBytes);
    assertFalse(Character.isHighSurrogate(cut.charAt(cut.length() - 1)), name);
    assertEquals(1, warnings.size(), name);
  }

  @Test
  void controlCharactersCountAsTheirEscapes() {
    String body = "\u0001".repeat(ArticleCaps.MAX_BODY_BYTES / 6 + 10);
    String cut = ArticleCaps.body(body, new ArrayList<>());
    assertTrue(Json.toBytes(cut).length - 2 <= ArticleCaps.MAX_BODY_BYTES);
  }

  @Test
  void aBodyIsCutAtAWordWhenThereIsOneNearTheCap() {
    String body = "word ".repeat(ArticleCaps.MAX_BODY_BYTES);
    String cut = ArticleCaps.body(body, new ArrayList<>());
    assertTrue(cut.endsWith("word"), cut.substring(cut.length() - 10));
  }

  @Test
  void aBodyWithinTheCapIsKeptWhole() {
    String body = "بلوچستان ".repeat(10_000);
    List<String> warnings = new ArrayList<>();
    assertEquals(body, ArticleCaps.body(body, warnings));
    assertTrue(warnings.isEmpty());
  }

  @Test
  void titlesAndNamesAreCutWithoutSplittingASurrogatePair() {
    String title = "x".repeat(ArticleCaps.MAX_TITLE_CHARS - 2) + "😀😀";
    String cut = ArticleCaps.title(title);
    assertTrue(cut.length() <= ArticleCaps.MAX_TITLE_CHARS);
    assertTrue(cut.endsWith("…"));
    assertFalse(Character.isHighSurrogate(cut.charAt(cut.length() - 2)));

    List<String> names = new ArrayList<>(Collections.nCopies(100, "n".repeat(40_000)));
    names.add(0, "  ");
    List<String> capped = ArticleCaps.names(names);
    assertEquals(ArticleCaps.MAX_NAMES, capped.size());
    assertTrue(
        capped.stream().allMatch(n -> n.length() <= ArticleCaps.MAX_NAME_CHARS && !n.isBlank()));
  }

  @Test
  void urlsFitUpToTheCapAndLanguagesMustLookLikeTags() {
    String base = "https://news.example.org/";
    assertTrue(ArticleCaps.urlFits(base + "a".repeat(ArticleCaps.MAX_URL_CHARS - base.length())));
    assertFalse(
        ArticleCaps.urlFits(base + "a".repeat(ArticleCaps.MAX_URL_CHARS - base.length() + 1)));
    assertEquals("ur", ArticleCaps.language("ur"));
    assertNull(ArticleCaps.language("x".repeat(40_000)));
    assertEquals(
        ArticleCaps.MAX_WARNINGS, ArticleCaps.warnings(Collections.nCopies(1000, "w")).size());
  }
}
