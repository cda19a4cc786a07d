package org.newswatch.common.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Typed, validated reads of configuration variables. Every error names the variable and what it
 * accepts, so a typo stops the service at start with a message an operator can act on.
 */
public final class Env {
  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");
  private final Map<String, String> vars;

  public Env(Map<String, String> vars) {
    this.vars = Map.copyOf(vars);
  }

  public static Env system() {
    return new Env(System.getenv());
  }

  /** The value, or null when unset or blank. */
  public String get(String key) {
    String v = vars.get(key);
    return v == null || v.isBlank() ? null : v.trim();
  }

  public String get(String key, String fallback) {
    String v = get(key);
    return v == null ? fallback : v;
  }

  public int port(String key, int fallback) {
    String v = get(key);
    if (v == null) {
      return fallback;
    }
    try {
      int port = Integer.parseInt(v);
      if (port < 0 || port > 65535) {
        throw new NumberFormatException();
      }
      return port;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a port number 0-65535, was '" + v + "'");
    }
  }

  public long positiveLong(String key, long fallback) {
    String v = get(key);
    if (v == null) {
      return fallback;
    }
    try {
      long n = Long.parseLong(v.strip());
      if (n < 0) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          key + " must be a whole number 0 or more, was '" + v + "'");
    }
  }

  public boolean flag(String key, boolean fallback) {
    String v = get(key);
    if (v == null) {
      return fallback;
    }
    return switch (v.toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes" -> true;
      case "false", "0", "no" -> false;
      default ->
          throw new IllegalArgumentException(key + " must be true or false, was '" + v + "'");
    };
  }

  public Path path(String key, Path fallback) {
    String v = get(key);
    return v == null ? fallback : Path.of(v);
  }

  public Duration duration(String key, Duration fallback) {
    String v = get(key);
    if (v == null) {
      return fallback;
    }
    try {
      return parseDuration(v);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(key + ": " + e.getMessage());
    }
  }

  /** A duration written the way {@link #parseDuration} reads it, in the largest whole unit. */
  public static String formatDuration(Duration d) {
    long ms = d.toMillis();
    if (ms % 3_600_000 == 0) {
      return ms / 3_600_000 + "h";
    }
    if (ms % 60_000 == 0) {
      return ms / 60_000 + "m";
    }
    if (ms % 1000 == 0) {
      return ms / 1000 + "s";
    }
    return ms + "ms";
  }

  /**
   * Parses durations written like {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, {@code 2d}.
   */
  public static Duration parseDuration(String text) {
    Matcher m = DURATION.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "a duration is written like 30s, 5m or 1h, was '" + text + "'");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }
}
