package org.newswatch.ingest.fetch;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns the many spellings of one article's URL into one, so that the article id (a hash of it)
 * stays the same however a feed or a share link wrote it: scheme and host lower-cased, default port
 * and fragment dropped, an empty path written {@code /}, and tracking parameters removed (the rest
 * of the query is kept in order, since it may select the article).
 */
public final class UrlCanonicalizer {
  /** Parameters that only say who sent the reader, never which page it is. */
  private static final Set<String> TRACKING =
      Set.of(
          "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "igshid", "mc_cid",
          "mc_eid", "_ga", "_gl");

  private UrlCanonicalizer() {}

  /**
   * The canonical form of an absolute http(s) URL.
   *
   * @throws IllegalArgumentException when the text is not an absolute http or https URL
   */
  public static String canonicalize(String url) {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("a URL is required");
    }
    URI uri;
    try {
      // Feeds do contain raw spaces in links; %20 is what a browser would send.
      uri = new URI(url.strip().replace(" ", "%20"));
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a URL: " + url + " (" + e.getReason() + ")", e);
    }
    String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!"http".equals(scheme) && !"https".equals(scheme)) {
      throw new IllegalArgumentException("not an absolute http(s) URL: " + url);
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("URL has no host: " + url);
    }
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    if (host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    int port = uri.getPort();
    boolean defaultPort =
        port == -1
            || ("http".equals(scheme) && port == 80)
            || ("https".equals(scheme) && port == 443);
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    String query = stripTracking(uri.getRawQuery());

    StringBuilder out = new StringBuilder(url.length()).append(scheme).append("://");
    if (uri.getRawUserInfo() != null) {
      out.append(uri.getRawUserInfo()).append('@');
    }
    out.append(host);
    if (!defaultPort) {
      out.append(':').append(port);
    }
    out.append(path);
    if (!query.isEmpty()) {
      out.append('?').append(query);
    }
    return out.toString();
  }

  /** Whether a URL is an absolute http(s) URL that {@link #canonicalize} accepts. */
  public static boolean isHttpUrl(String url) {
    try {
      canonicalize(url);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static String stripTracking(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return "";
    }
    List<String> kept = new ArrayList<>();
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = (eq < 0 ? pair : pair.substring(0, eq)).toLowerCase(Locale.ROOT);
      if (name.startsWith("utm_") || TRACKING.contains(name)) {
        continue;
      }
      kept.add(pair);
    }
    return String.join("&", kept);
  }
}
