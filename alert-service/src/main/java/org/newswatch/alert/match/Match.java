package org.newswatch.alert.match;

import java.util.List;
import org.newswatch.common.model.Subscription;

/**
 * A subscription that fired on an article: the words of the article that made it fire (as written
 * there, in order of first appearance) and a snippet of text around the first of them.
 */
public record Match(Subscription subscription, List<String> matched, String snippet) {
  public Match {
    matched = List.copyOf(matched);
  }
}
