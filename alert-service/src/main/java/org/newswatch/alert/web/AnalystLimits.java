package org.newswatch.alert.web;

import org.newswatch.common.config.Settings;

/**
 * What one analyst may hold or run at once on alert-service. Past a count limit a request answers
 * 409 (subscriptions) or 400 (channels, weighted lines); past a concurrency limit 429 with {@code
 * Retry-After}. Each problem names the limit by its variable. The admin has no limits: built-in
 * topics and operators' own subscriptions are the admin's.
 *
 * @param subscriptions subscriptions per analyst ({@code NEWSWATCH_LIMIT_SUBSCRIPTIONS}, default
 *     100: each costs matching time on every article)
 * @param channels delivery channels per subscription ({@code NEWSWATCH_LIMIT_CHANNELS}, default 10)
 * @param weightedLines lines of a weighted query ({@code NEWSWATCH_LIMIT_WEIGHTED_LINES}, default
 *     200)
 * @param streams live streams open at once per analyst ({@code NEWSWATCH_LIMIT_STREAMS}, default 5:
 *     a few tabs; each holds a server thread)
 * @param previews subscription previews running at once per analyst ({@code
 *     NEWSWATCH_LIMIT_PREVIEWS}, default 2: each reads up to 2,000 articles from index-service)
 */
public record AnalystLimits(
    int subscriptions, int channels, int weightedLines, int streams, int previews) {
  public static final String SUBSCRIPTIONS = Settings.LIMIT_SUBSCRIPTIONS.name();
  public static final String CHANNELS = Settings.LIMIT_CHANNELS.name();
  public static final String WEIGHTED_LINES = Settings.LIMIT_WEIGHTED_LINES.name();
  public static final String STREAMS = Settings.LIMIT_STREAMS.name();
  public static final String PREVIEWS = Settings.LIMIT_PREVIEWS.name();

  public static final AnalystLimits DEFAULTS = new AnalystLimits(100, 10, 200, 5, 2);

  public AnalystLimits {
    if (subscriptions < 1 || channels < 1 || weightedLines < 1 || streams < 1 || previews < 1) {
      throw new IllegalArgumentException("every limit must be at least 1");
    }
  }

  /** Read and checked at start ({@link Settings}): a bad value names its variable. */
  public static AnalystLimits from(Settings settings) {
    return new AnalystLimits(
        settings.get(Settings.LIMIT_SUBSCRIPTIONS),
        settings.get(Settings.LIMIT_CHANNELS),
        settings.get(Settings.LIMIT_WEIGHTED_LINES),
        settings.get(Settings.LIMIT_STREAMS),
        settings.get(Settings.LIMIT_PREVIEWS));
  }
}
