package org.newswatch.alert.match;

import java.util.List;
import org.newswatch.common.model.Explanation;
import org.newswatch.common.model.Subscription;

/**
 * A subscription that fired on an article: the words of the article that made it fire (as written
 * there, in order of first appearance), a snippet of text around the first of them, and why it
 * fired (the same words with where they stand, the query's parts that matched, the score).
 */
public record Match(
    Subscription subscription, List<String> matched, String snippet, Explanation explanation) {
  public Match {
    matched = List.copyOf(matched);
  }
}
