package org.newswatch.alert.preview;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.newswatch.alert.match.AlertMatcher;
import org.newswatch.alert.match.Match;
import org.newswatch.common.model.Article;
import org.newswatch.common.model.Explanation;
import org.newswatch.common.model.Subscription;

/**
 * What a subscription would have fired on among some articles, found with a throwaway {@link
 * AlertMatcher} holding only that subscription: the very code live alerts go through, so the
 * preview and the alerts cannot disagree (same analyzer, presearcher, weights, language and source
 * filters). Like live alerts, a story fires once: later copies of a story already listed are left
 * out.
 */
public final class SubscriptionPreview {
  private SubscriptionPreview() {}

  /**
   * An article the subscription fires on, with the words that matched, a snippet around the first,
   * and why it fired.
   */
  public record Item(
      String articleId,
      String title,
      String url,
      String source,
      String language,
      Instant publishedAt,
      List<String> matched,
      String snippet,
      Explanation explanation) {}

  /**
   * @param articles newest first, as index-service exports them
   * @throws IllegalArgumentException if the query does not parse
   */
  public static List<Item> run(Subscription subscription, List<Article> articles) {
    List<Item> items = new ArrayList<>();
    Set<String> stories = new HashSet<>();
    try (AlertMatcher matcher = new AlertMatcher()) {
      matcher.put(subscription);
      for (Article a : articles) {
        for (Match m : matcher.match(a)) {
          if (stories.add(a.storyId())) {
            items.add(
                new Item(
                    a.id(),
                    a.title(),
                    a.url(),
                    a.source(),
                    a.language(),
                    a.effectiveTime(),
                    m.matched(),
                    m.snippet(),
                    m.explanation()));
          }
        }
      }
    }
    return items;
  }
}
