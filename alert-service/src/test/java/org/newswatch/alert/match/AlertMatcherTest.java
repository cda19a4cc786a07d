package org.newswatch.alert.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.newswatch.alert.TestArticles;
import org.newswatch.common.model.Article;
import org.newswatch.common.model.Subscription;
import org.newswatch.common.testing.LongArticles;

class AlertMatcherTest {
  private final AlertMatcher matcher = new AlertMatcher();

  @AfterEach
  void close() {
    matcher.close();
  }

  private void builtIn() {
    BuiltInTopics.subscriptions(Instant.EPOCH).forEach(matcher::put);
  }

  private static Subscription subscription(String id, String query, List<String> languages, List<String> sources) {
    return new Subscription(Subscription.SCHEMA, id, "a1", id, query, languages, sources, null, null, Instant.EPOCH);
  }

  private List<String> firing(Article article) {
    return matcher.match(article).stream().map(m -> m.subscription().id()).toList();
  }

  @Test
  void builtInTopicFiresOnBorderAttacksInThreeLanguages() {
    builtIn();
    for (Article a : List.of(TestArticles.BORDER_ATTACK_EN, TestArticles.BORDER_ATTACK_UR, TestArticles.BORDER_ATTACK_FA)) {
      assertEquals(List.of(BuiltInTopics.BALOCHISTAN_BORDER_SECURITY), firing(a), a.id());
    }
  }

  @Test
  void builtInTopicStaysQuietOnCricketInQuetta() {
    builtIn();
    assertEquals(List.of(), firing(TestArticles.CRICKET_QUETTA));
  }

  @Test
  void matchCarriesMatchedWordsAndSnippet() {
    builtIn();
    Match m = matcher.match(TestArticles.BORDER_ATTACK_EN).get(0);
    assertTrue(m.matched().contains("Panjgur"), m.matched().toString());
    assertTrue(m.matched().contains("Gunmen"), m.matched().toString());
    assertTrue(m.snippet().contains("Gunmen attacked"), m.snippet());
  }

  @Test
  void languageAndSourceFiltersApply() {
    matcher.put(subscription("urdu-only", "حملہ", List.of("ur"), List.of()));
    matcher.put(subscription("voa-only", "panjgur", List.of(), List.of("VOA")));
    assertEquals(List.of("urdu-only"), firing(TestArticles.BORDER_ATTACK_UR));
    assertEquals(List.of(), firing(TestArticles.BORDER_ATTACK_EN));
    Article voa = TestArticles.article("x", null, "voa", "en", "Panjgur", "Panjgur news");
    assertEquals(List.of("voa-only"), firing(voa));
  }

  @Test
  void removedSubscriptionNoLongerFires() {
    matcher.put(subscription("p", "panjgur", List.of(), List.of()));
    assertEquals(List.of("p"), firing(TestArticles.BORDER_ATTACK_EN));
    matcher.apply("p", null);
    assertFalse(firing(TestArticles.BORDER_ATTACK_EN).contains("p"));
  }

  @Test
  void aPhraseDoesNotReachAcrossAParagraphBreak() {
    matcher.put(subscription("phrase", "\"Balochistan border\"", List.of(), List.of()));
    Article across = TestArticles.article("x", "en", "Sports round-up", "The final was played in Quetta, Balochistan\n\nBorder crossings at Taftan reopened.");
    Article within = TestArticles.article("y", "en", "Trade", "Traders said the Balochistan border crossings reopened.");
    assertEquals(List.of(), firing(across));
    assertEquals(List.of("phrase"), firing(within));
  }

  @Test
  void spellingVariantsMatchAcrossScripts() {
    matcher.put(subscription("z", "zahedan AND attack", List.of(), List.of()));
    Article urdu = TestArticles.article("u", "ur", "زاہدان", "زاہدان میں attack");
    assertEquals(List.of("z"), firing(urdu));
  }

  @Test
  void tableChangesGatherAndApplyBeforeTheNextMatch() {
    matcher.apply("p", subscription("p", "panjgur", List.of(), List.of()));
    matcher.apply("bad", subscription("bad", "(panjgur AND", List.of(), List.of()));
    matcher.apply("k", subscription("k", "kech", List.of(), List.of()));
    matcher.apply("k", null);
    assertEquals(List.of("p"), firing(TestArticles.BORDER_ATTACK_EN));
    assertEquals(1, matcher.size());
    matcher.apply("p", subscription("p", "quetta", List.of(), List.of()));
    assertEquals(List.of(), firing(TestArticles.BORDER_ATTACK_EN));
    assertEquals(List.of("p"), firing(TestArticles.CRICKET_QUETTA));
  }

  @Test
  void aDisjunctionSplitByTheMonitorFiresOnceWithEveryPartsWords() {
    // The monitor runs "gunmen OR soldiers OR cricket" as three queries; their matches make one.
    matcher.put(subscription("or", "gunmen OR soldiers OR cricket", List.of(), List.of()));
    List<Match> matches = matcher.match(TestArticles.BORDER_ATTACK_EN);
    assertEquals(1, matches.size());
    assertEquals(List.of("Gunmen", "soldiers"), matches.get(0).matched());
  }

  @Test
  void weightedSubscriptionFiresOnlyAtItsThreshold() {
    matcher.put(subscription("low", "weighted threshold=5\nrequired: panjgur\n3: gunmen\n2: soldiers\n4: cricket", List.of(), List.of()));
    matcher.put(subscription("high", "weighted threshold=6\nrequired: panjgur\n3: gunmen\n2: soldiers\n4: cricket", List.of(), List.of()));
    assertEquals(List.of("low"), firing(TestArticles.BORDER_ATTACK_EN));
  }

  /**
   * Hostile input: fourteen-paragraph articles in English, Urdu and Persian, with soft hyphens,
   * zero-width non-joiners, tatweel and harakat in the text and blank lines of several shapes
   * between paragraphs (issue 16: the demo's matched words came out cut and shifted, more so the
   * further into the article). Each place name is new in its paragraph, so the last ones are found
   * thousands of characters in.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("longArticles")
  void matchedWordsAreTheArticlesOwnWordsDeepIntoLongArticles(String language, LongArticles.Text text) {
    matcher.put(subscription("places", LongArticles.PLACES_QUERY, List.of(), List.of()));
    Article article = TestArticles.article("long-" + language, language, text.title(), text.body());
    List<Match> matches = matcher.match(article);
    assertEquals(1, matches.size());
    assertEquals(text.places(), matches.get(0).matched());
  }

  static Stream<Arguments> longArticles() {
    return LongArticles.ALL.stream().map(t -> Arguments.of(t.language(), t));
  }
}
