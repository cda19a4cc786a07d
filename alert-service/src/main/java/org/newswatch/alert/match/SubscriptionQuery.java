package org.newswatch.alert.match;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.util.automaton.TooComplexToDeterminizeException;
import org.newswatch.common.text.NewsAnalyzer;

/**
 * Parses a subscription's query, written in the Lucene classic query syntax (phrases, {@code AND},
 * {@code OR}, {@code NOT}, {@code +}/{@code -}, proximity {@code "a b"~5}, {@code title:}/{@code
 * body:}), into the Lucene query the matcher registers. Unqualified terms search title and body.
 *
 * <p>A query whose first word is {@code weighted} is in the weighted form instead ({@link
 * WeightedQuery}).
 *
 * <p>The default operator is AND: an analyst who writes {@code border attack} means both words.
 * Terms go through {@link NewsAnalyzer}, the analyzer of the index, so spellings normalise the same
 * way on both sides.
 */
public final class SubscriptionQuery {
  /** The article fields a query can name. */
  public static final String[] FIELDS = {MonitorDocument.TITLE, MonitorDocument.BODY};

  /**
   * Longer queries are almost certainly a paste accident; the built-in topic is about 6,000
   * characters.
   */
  public static final int MAX_LENGTH = 20_000;

  private static final Analyzer ANALYZER = new NewsAnalyzer();

  private SubscriptionQuery() {}

  /**
   * The Lucene query for {@code text}.
   *
   * @throws IllegalArgumentException saying what is wrong, fit to show to the analyst
   */
  public static Query parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("query must not be empty");
    }
    if (text.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "query is " + text.length() + " characters; at most " + MAX_LENGTH + " are allowed");
    }
    if (WeightedQuery.isWeighted(text)) {
      return WeightedQuery.parse(text).query();
    }
    return parseLucene(text);
  }

  /** The threshold of a weighted query, or 0 for the Lucene form (which fires on any match). */
  public static float threshold(String text) {
    return WeightedQuery.isWeighted(text) ? WeightedQuery.parse(text).threshold() : 0f;
  }

  /** Parses the Lucene classic syntax only. */
  static Query parseLucene(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("query must not be empty");
    }
    MultiFieldQueryParser parser =
        new MultiFieldQueryParser(FIELDS, ANALYZER) {
          /**
           * {@code /regex/} terms are refused: building the automaton of nested repetitions ({@code
           * /a+++…/}) takes time exponential in their depth, before any work limit applies (found
           * by fuzzing the search query; the same parser here would hang the subscriptions API).
           */
          @Override
          protected Query getRegexpQuery(String field, String termStr) {
            throw new IllegalArgumentException(
                "regular expressions (/…/) are not supported; use wildcards (* and ?) or quote the slashes");
          }
        };
    parser.setDefaultOperator(QueryParser.Operator.AND);
    // A leading wildcard scans every term of every article: refused, like most search engines do.
    parser.setAllowLeadingWildcard(false);
    try {
      Query query = parser.parse(text);
      if (query == null || query.toString().isBlank()) {
        throw new IllegalArgumentException("query has no searchable words: '" + text + "'");
      }
      return query;
    } catch (ParseException e) {
      throw new IllegalArgumentException("query cannot be parsed: " + firstLine(e.getMessage()), e);
    } catch (IndexSearcher.TooManyClauses e) {
      throw new IllegalArgumentException(
          "query has too many clauses (at most " + IndexSearcher.getMaxClauseCount() + ")", e);
    } catch (TooComplexToDeterminizeException e) {
      // A word with many * and ? (found by fuzzing: it escaped as a 500 from the subscriptions
      // API).
      throw new IllegalArgumentException(
          "query has a wildcard word too complex to match; use fewer * and ? in one word", e);
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "syntax error";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
