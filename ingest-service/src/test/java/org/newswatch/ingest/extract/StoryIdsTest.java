package org.newswatch.ingest.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Story fingerprints on real-looking pairs (src/test/resources/extract/stories: first line the
 * title, then the body): syndicated and lightly rewritten copies are near, different stories on
 * the same topic are far.
 */
class StoryIdsTest {

  static String[] story(String name) throws IOException {
    try (InputStream in = StoryIdsTest.class.getResourceAsStream("/extract/stories/" + name + ".txt")) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      int cut = text.indexOf('\n');
      return new String[] {text.substring(0, cut).strip(), text.substring(cut).strip()};
    }
  }

  static int distance(String a, String b) throws IOException {
    String[] x = story(a);
    String[] y = story(b);
    int d = StoryIds.distance(StoryIds.fingerprint(x[0], x[1]), StoryIds.fingerprint(y[0], y[1]));
    System.out.printf(Locale.ROOT, "%-20s %-20s %2d bits%n", a, b, d);
    return d;
  }

  @ParameterizedTest(name = "{0} ~ {1}")
  @CsvSource({
    "border-original, border-syndicated",
    "border-original, border-rewrite",
    "border-syndicated, border-rewrite",
    "ur-border-original, ur-border-rewrite",
    "fa-border-original, fa-border-rewrite",
  })
  void nearDuplicatesAreWithinTheThreshold(String a, String b) throws IOException {
    assertTrue(distance(a, b) <= StoryIds.SAME_STORY_BITS);
  }

  @ParameterizedTest(name = "{0} / {1}")
  @CsvSource({
    "border-original, border-attack",
    "border-rewrite, border-attack",
    "karachi-rain-day1, karachi-rain-later",
    "ur-border-original, ur-flood",
    "fa-border-original, fa-drought",
    "border-original, karachi-rain-day1",
  })
  void differentStoriesOnTheSameTopicAreFarApart(String a, String b) throws IOException {
    // A margin above the threshold, so that the two kinds of pair do not touch.
    assertTrue(distance(a, b) > StoryIds.SAME_STORY_BITS + 4);
  }

  @Test
  void normalisationFoldsArabicScriptVariantsAndDigits() {
    assertEquals(StoryIds.words("کیا ۱۴۰۲"), StoryIds.words("كيا 1402"));
    assertEquals(StoryIds.words("خبرنگار ما"), StoryIds.words("خبرنگارِ ما"));
  }

  @Test
  void emptyTextHasAFingerprintToo() {
    assertEquals(0L, StoryIds.fingerprint(null, null));
    assertEquals("und-0000000000000000", StoryIds.storyId("", "", null));
  }

  @Test
  void exactCopiesShareTheStatelessId() throws IOException {
    String[] s = story("border-original");
    assertEquals(StoryIds.storyId(s[0], s[1], "en"), StoryIds.storyId(s[0], "  " + s[1].toUpperCase(Locale.ROOT), "en"));
    assertTrue(StoryIds.storyId(s[0], s[1], "en").startsWith("en-"));
  }

  @Test
  void clustererGivesNearDuplicatesTheFirstStorysId() throws IOException {
    StoryClusterer clusterer = new StoryClusterer();
    String first = assign(clusterer, "border-original", "en");
    assertEquals(first, assign(clusterer, "border-syndicated", "en"));
    assertEquals(first, assign(clusterer, "border-rewrite", "en"));
    assertNotEquals(first, assign(clusterer, "border-attack", "en"));
    String urdu = assign(clusterer, "ur-border-original", "ur");
    assertNotEquals(first, urdu);
    assertEquals(urdu, assign(clusterer, "ur-border-rewrite", "ur"));
    String persian = assign(clusterer, "fa-border-original", "fa");
    assertEquals(persian, assign(clusterer, "fa-border-rewrite", "fa"));
    assertEquals(8, clusterer.size());
  }

  private static String assign(StoryClusterer clusterer, String name, String language) throws IOException {
    String[] s = story(name);
    return clusterer.assign(s[0], s[1], language);
  }

  @Test
  void clustererKeepsLanguagesApartEvenForTheSameText() throws IOException {
    StoryClusterer clusterer = new StoryClusterer();
    String[] s = story("border-original");
    String en = clusterer.assign(s[0], s[1], "en");
    String other = clusterer.assign(s[0], s[1], "ur");
    assertNotEquals(en, other);
  }

  @Test
  void clustererForgetsTheOldestPastCapacity() {
    StoryClusterer clusterer = new StoryClusterer(2, StoryIds.SAME_STORY_BITS);
    String a = clusterer.assign("en", 0L);
    clusterer.assign("en", -1L);
    clusterer.assign("en", 0x0F0F0F0F0F0F0F0FL);
    assertEquals(2, clusterer.size());
    // The first fingerprint was forgotten: the same value now starts a new story with the same
    // deterministic id, and is found again by the next one bit away.
    assertEquals(a, clusterer.assign("en", 0L));
    assertEquals(a, clusterer.assign("en", 1L));
  }

  @Test
  void bandsFindEveryFingerprintWithinTheThreshold() {
    // Pigeonhole guarantee: any flip of up to k bits still shares a band with the original.
    StoryClusterer clusterer = new StoryClusterer(1000, StoryIds.SAME_STORY_BITS);
    long base = 0x9E3779B97F4A7C15L;
    String id = clusterer.assign("fa", base);
    java.util.Random random = new java.util.Random(42);
    for (int trial = 0; trial < 200; trial++) {
      long flipped = base;
      int bits = 1 + random.nextInt(StoryIds.SAME_STORY_BITS);
      while (Long.bitCount(flipped ^ base) < bits) {
        flipped ^= 1L << random.nextInt(64);
      }
      assertEquals(id, clusterer.assign("fa", flipped), "flipped " + bits + " bits");
    }
  }
}
