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
import org.newswatch.common.model.Explanation;
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

  private static Subscription subscription(
      String id, String query, List<String> languages, List<String> sources) {
    return new Subscription(
        Subscription.SCHEMA, id, "a1", id, query, languages, sources, null, null, Instant.EPOCH);
  }

  private List<String> firing(Article article) {
    return matcher.match(article).stream().map(m -> m.subscription().id()).toList();
  }

  @Test
  void builtInTopicFiresOnBorderAttacksInThreeLanguages() {
    builtIn();
    for (Article a :
        List.of(
            TestArticles.BORDER_ATTACK_EN,
            TestArticles.BORDER_ATTACK_UR,
            TestArticles.BORDER_ATTACK_FA)) {
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
    Article across =
        TestArticles.article(
            "x",
            "en",
            "Sports round-up",
            "The final was played in Quetta, Balochistan\n\nBorder crossings at Taftan reopened.");
    Article within =
        TestArticles.article(
            "y", "en", "Trade", "Traders said the Balochistan border crossings reopened.");
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
    matcher.put(
        subscription(
            "low",
            "weighted threshold=5\nrequired: panjgur\n3: gunmen\n2: soldiers\n4: cricket",
            List.of(),
            List.of()));
    matcher.put(
        subscription(
            "high",
            "weighted threshold=6\nrequired: panjgur\n3: gunmen\n2: soldiers\n4: cricket",
            List.of(),
            List.of()));
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
  void matchedWordsAreTheArticlesOwnWordsDeepIntoLongArticles(
      String language, LongArticles.Text text) {
    matcher.put(subscription("places", LongArticles.PLACES_QUERY, List.of(), List.of()));
    Article article = TestArticles.article("long-" + language, language, text.title(), text.body());
    List<Match> matches = matcher.match(article);
    assertEquals(1, matches.size());
    assertEquals(text.places(), matches.get(0).matched());
    Explanation why = matches.get(0).explanation();
    assertEquals(text.places(), why.words().stream().map(Explanation.Word::text).toList());
    for (Explanation.Word w : why.words()) {
      String field = w.where().equals(Explanation.TITLE) ? article.title() : article.body();
      assertEquals(w.text(), field.substring(w.start(), w.end()), w.toString());
    }
    assertEquals(
        Explanation.LEAD, why.words().get(0).where(), "the first place is in the first paragraph");
    assertTrue(
        why.words().stream().skip(1).allMatch(w -> w.where().equals(Explanation.BODY)),
        why.words().toString());
  }

  @Test
  void explanationOfAWeightedSubscriptionListsTheLinesThatFiredWithTheScore() {
    matcher.put(
        subscription(
            "w",
            "weighted threshold=5\nrequired: panjgur\nexcluded: cricket\n3: gunmen\n2: soldiers\n4: kech OR quetta",
            List.of(),
            List.of()));
    Explanation why = matcher.match(TestArticles.BORDER_ATTACK_EN).get(0).explanation();
    assertEquals(
        List.of(
            new Explanation.Clause("required: panjgur", null),
            new Explanation.Clause("3: gunmen", 3.0),
            new Explanation.Clause("2: soldiers", 2.0)),
        why.clauses());
    assertEquals(5.0, why.score());
    assertEquals(5.0, why.threshold());
    // "Panjgur" is in the title and the body: listed once, at the title.
    assertEquals(
        List.of(
            new Explanation.Word("Panjgur", Explanation.TITLE, 32, 39),
            new Explanation.Word("Gunmen", Explanation.LEAD, 0, 6),
            new Explanation.Word("soldiers", Explanation.LEAD, 133, 141)),
        why.words());
  }

  @Test
  void explanationOfTheBuiltInTopicNamesTheAlternativesThatMatched() {
    builtIn();
    Explanation why = matcher.match(TestArticles.BORDER_ATTACK_EN).get(0).explanation();
    // Its two required groups of some hundred words each, narrowed to the words of this article
    // (the
    // Urdu spellings of the names too: the analyzer maps them to the same tokens).
    assertEquals(
        List.of(
            "+(balochistan OR panjgur OR بلوچستان OR پنجگور OR (+(pakistan OR پاکستان) +(iran OR ایران) +(border OR سرحد OR سرحدی OR مرز OR مرزی)))",
            "+(attack OR militant OR gunmen OR \"border post\" OR \"security forces\" OR \"frontier corps\" OR soldier)"),
        why.clauses().stream().map(Explanation.Clause::text).toList());
    assertEquals(null, why.score());
  }

  @Test
  void explanationOfALuceneSubscriptionListsTheClausesThatMatched() {
    matcher.put(
        subscription(
            "l",
            "+(kech OR panjgur) +(attack OR \"border guards\" OR gunmen) -cricket",
            List.of(),
            List.of()));
    matcher.put(subscription("g", "(gunmen OR soldiers OR cricket)", List.of(), List.of()));
    List<Match> matches = matcher.match(TestArticles.BORDER_ATTACK_EN);
    assertEquals(List.of("g", "l"), matches.stream().map(m -> m.subscription().id()).toList());
    // One parenthesised group is explained by the clauses inside it; "cricket" did not match.
    assertEquals(
        List.of(new Explanation.Clause("gunmen", null), new Explanation.Clause("soldiers", null)),
        matches.get(0).explanation().clauses());
    // Each clause narrowed to its alternatives that matched.
    assertEquals(
        List.of(
            new Explanation.Clause("+(panjgur)", null),
            new Explanation.Clause("+(attack OR gunmen)", null)),
        matches.get(1).explanation().clauses());
    assertEquals(null, matches.get(1).explanation().score());
    assertEquals(null, matches.get(1).explanation().threshold());
  }

  static Stream<Arguments> longArticles() {
    return LongArticles.ALL.stream().map(t -> Arguments.of(t.language(), t));
  }
}
