package org.newswatch.alert.match;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SubscriptionQueryTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "(border AND attack",
        "title:\"unclosed",
        "*leading",
        "AND",
        "   ",
        "border attack)"
      })
  void rejectsBadQueriesWithAReason(String query) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SubscriptionQuery.parse(query));
    assertTrue(e.getMessage().startsWith("query"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "border attack",
        "\"border guards\"~2 OR title:militants",
        "+panjgur -cricket",
        "بلوچستان AND حملہ"
      })
  void acceptsLuceneSyntax(String query) {
    assertTrue(!SubscriptionQuery.parse(query).toString().isBlank());
  }
}
