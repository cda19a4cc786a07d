package org.newswatch.alert.match;

import java.util.List;
import org.apache.lucene.search.Query;

/**
 * A part of a subscription's query as the analyst wrote it, and its own query: a required or
 * weighted line of the weighted form ({@code weight} null when required), or a top-level clause of
 * the Lucene form. Run alone on an article, it says whether that part matched.
 *
 * <p>A clause that is a group of alternatives, {@code +(balochistan OR panjgur OR …)} (the built-in
 * topic has two of some hundred words each), keeps them, so that an explanation can name only those
 * that matched: {@code +(panjgur OR balochistan)}.
 */
record QueryPart(
    String text, Float weight, Query query, String prefix, List<QueryPart> alternatives) {
  QueryPart {
    alternatives = List.copyOf(alternatives);
  }

  QueryPart(String text, Float weight, Query query) {
    this(text, weight, query, "", List.of());
  }

  /**
   * This part as written, narrowed to the alternatives that matched when it has some and not all
   * matched.
   */
  String narrowedTo(List<QueryPart> matched) {
    if (matched.isEmpty() || matched.size() == alternatives.size()) {
      return text;
    }
    return prefix + "(" + String.join(" OR ", matched.stream().map(QueryPart::text).toList()) + ")";
  }
}
