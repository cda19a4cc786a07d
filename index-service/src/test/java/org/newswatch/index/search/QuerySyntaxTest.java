package org.newswatch.index.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.lucene.search.MatchAllDocsQuery;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.newswatch.index.index.ArticleFields;

class QuerySyntaxTest {
  final QuerySyntax syntax = new QuerySyntax(ArticleFields.analyzer());

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', value = {
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
  @CsvSource(delimiter = '|', value = {
      "Balochistan                      | (title:balochistan)^2.0 (body:balochistan)^1.0",
      "Baluchistan                      | (title:balochistan)^2.0 (body:balochistan)^1.0",
      "بلوچستان                         | (title:balochistan)^2.0 (body:balochistan)^1.0",
      "source:\"Dunya News\"            | source:Dunya News",
      "language:ur AND border           | +language:ur +((title:border)^2.0 (body:border)^1.0)",
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
    assertThrows(BadQueryException.class, () -> syntax.parse("a".repeat(QuerySyntax.MAX_LENGTH + 1)));
    String many = String.join(" OR ", java.util.stream.IntStream.range(0, 200).mapToObj(i -> "t" + i).toList());
    BadQueryException e = assertThrows(BadQueryException.class, () -> syntax.parse(many));
    assertTrue(e.getMessage().contains("at most " + QuerySyntax.MAX_CLAUSES), e.getMessage());
  }
}
