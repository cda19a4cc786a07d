package org.newswatch.index.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.lucene.search.MatchAllDocsQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.newswatch.index.indexing.ArticleFields;

class QuerySyntaxTest {
  final QuerySyntax syntax = new QuerySyntax(ArticleFields.analyzer());

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "border AND (attack OR            | the end of the query",
        "border ) attack                  | column 8: unexpected ')'",
        "\"unclosed phrase                | malformed query",
        "title:                           | the end of the query",
        "*stan                            | not allowed as first character",
        "border AND ?stan                 | not allowed as first character",
        "lang:ur                          | unknown field 'lang'",
      })
  void refusesWithWhereAndWhy(String query, String expected) {
    BadQueryException e = assertThrows(BadQueryException.class, () -> syntax.parse(query.strip()));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Balochistan                      | CombinedFieldQuery((body lead^2.0 title^2.0)(balochistan))",
        "Baluchistan                      | CombinedFieldQuery((body lead^2.0 title^2.0)(balochistan))",
        "بلوچستان                         | CombinedFieldQuery((body lead^2.0 title^2.0)(balochistan))",
        "source:\"Dunya News\"            | source:Dunya News",
        "language:ur AND border           | +language:ur +CombinedFieldQuery((body lead^2.0 title^2.0)(border))",
        "\"border post\"                  | (title:\"border post\")^2.0 (lead:\"border post\")^2.0 (body:\"border post\")^1.0",
        "title:Gwadar                     | title:gwadar",
      })
  void parsesAcrossFieldsWithTheRightAnalysis(String query, String expected) {
    assertEquals(expected, syntax.parse(query.strip()).toString());
  }

  @Test
  void blankMeansEveryArticle() {
    assertInstanceOf(MatchAllDocsQuery.class, syntax.parse("  "));
  }

  @Test
  void boundsLengthAndClauses() {
    assertThrows(
        BadQueryException.class, () -> syntax.parse("a".repeat(QuerySyntax.MAX_LENGTH + 1)));
    String many =
        String.join(
            " OR ", java.util.stream.IntStream.range(0, 200).mapToObj(i -> "t" + i).toList());
    BadQueryException e = assertThrows(BadQueryException.class, () -> syntax.parse(many));
    assertTrue(e.getMessage().contains("at most " + QuerySyntax.MAX_CLAUSES), e.getMessage());
  }
}
