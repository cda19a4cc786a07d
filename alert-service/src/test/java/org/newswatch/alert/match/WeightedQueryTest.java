package org.newswatch.alert.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.newswatch.alert.TestArticles;
import org.newswatch.common.model.Subscription;

class WeightedQueryTest {
  private static final String TOPIC =
      """
      weighted threshold=6
      required: balochistan OR sistan OR panjgur OR kech
      excluded: cricket OR psl
      4: "border guards" OR "cross border" OR "frontier corps"
      3: attack OR ambush
      2: militants OR gunmen
      1: killed
      """;

  /** Title and body of one short article; which of the weighted lines it hits is in the name. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "frontier corps + attack + gunmen = 9    | true  | Gunmen attack Frontier Corps post in Panjgur",
        "attack + militants + killed = 6         | true  | Militants attack in Kech, three killed",
        "attack + killed = 4                     | false | Attack in Kech, three killed",
        "no required place                       | false | Gunmen attack Frontier Corps post in Karachi",
        "excluded cricket                        | false | Gunmen attack Frontier Corps post in Panjgur after cricket",
      })
  void firesWhenRequiredPresentNothingExcludedAndWeightsReachTheThreshold(
      String why, boolean fires, String text) {
    try (AlertMatcher matcher = new AlertMatcher()) {
      matcher.put(
          new Subscription(
              Subscription.SCHEMA, "w", "a1", "w", TOPIC, null, null, null, null, Instant.EPOCH));
      List<Match> m = matcher.match(TestArticles.article("x", "en", text, ""));
      assertEquals(fires, !m.isEmpty(), why);
    }
  }

  @Test
  void semicolonsSeparateLinesToo() {
    WeightedQuery q = WeightedQuery.parse("weighted threshold=2; 1: attack; 1.5: militants");
    assertEquals(2f, q.threshold());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "weighted; 1: attack                       | needs a threshold",
        "weighted threshold=2; required: kech       | at least one weighted line",
        "weighted threshold=9; 1: attack; 2: gunmen | could never fire",
        "weighted threshold=1; often: attack        | is not a weight",
        "weighted threshold=1; 1: (attack           | line 2: query cannot be parsed",
        "weighted threshold=1; attack               | line 2: expected",
      })
  void badWeightedQueriesSayWhatIsWrong(String query, String reason) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SubscriptionQuery.parse(query.replace("; ", "\n")));
    assertTrue(e.getMessage().contains(reason), e.getMessage());
  }
}
