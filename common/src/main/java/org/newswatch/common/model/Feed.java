package org.newswatch.common.model;

import java.net.URI;
import java.time.Duration;
import java.util.regex.Pattern;
import org.newswatch.common.config.Env;

/** A feed to poll, as kept on the compacted {@code news.feeds} topic and in the feeds file. */
public record Feed(String id, String url, String source, String language, Duration interval) {
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");
  public static final Duration MIN_INTERVAL = Duration.ofSeconds(5);

  public Feed {
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "feed id must be 1-100 of a-z, 0-9, '.', '_', '-' starting with a letter or digit, was "
              + id);
    }
    if (url == null) {
      throw new IllegalArgumentException("feed " + id + ": url is required");
    }
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("feed " + id + ": url is not a URI: " + url, e);
    }
    if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
      throw new IllegalArgumentException("feed " + id + ": url must be http or https, was " + url);
    }
    source = source == null || source.isBlank() ? uri.getHost() : source;
    language = language == null || language.isBlank() ? "und" : language;
    interval = interval == null ? Duration.ofMinutes(5) : interval;
    if (interval.compareTo(MIN_INTERVAL) < 0) {
      throw new IllegalArgumentException(
          "feed "
              + id
              + ": interval must be at least "
              + Env.formatDuration(MIN_INTERVAL)
              + ", was "
              + Env.formatDuration(interval));
    }
  }
}
