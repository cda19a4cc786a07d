package org.newswatch.common.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Every {@code NEWSWATCH_*} variable, each declared once with its default, its parser, its meaning
 * and whether it is secret; and the values read from one environment, all parsed and checked at
 * once, so that a bad value stops a process at start with a message naming the variable.
 *
 * <p>A process reads its settings here ({@link #read(Env)}) and hands each service a typed record
 * built from them ({@link NewswatchConfig}, alert-service's {@code AlertSettings}); nothing else
 * reads the environment. {@code newswatch config} prints {@link #all()} with {@link #shown} and
 * {@link #fromEnvironment}.
 */
public final class Settings {
  private static final List<Setting<?>> DECLARED = new ArrayList<>();

  public static final Setting<String> KAFKA =
      declare(
          "NEWSWATCH_KAFKA",
          null,
          "unset",
          "Kafka bootstrap servers; unset in the all-in-one = start the embedded broker",
          Settings::text);
  public static final Setting<Path> DATA =
      declare(
          "NEWSWATCH_DATA",
          Path.of("data"),
          "data (demo: data/demo)",
          "data folder: Kafka log, index, dedup state, admin key",
          Settings::path);
  public static final Setting<Path> FEEDS =
      declare(
          "NEWSWATCH_FEEDS",
          null,
          "bundled: the real VOA and Dunya News feeds",
          "feeds file, YAML: feeds: then {id, url, source, language, interval}",
          Settings::path);
  public static final Setting<Integer> INGEST_PORT =
      declare("NEWSWATCH_INGEST_PORT", 8081, "8081", "ingest-service's port", Settings::port);
  public static final Setting<Integer> INDEX_PORT =
      declare("NEWSWATCH_INDEX_PORT", 8082, "8082", "index-service's port", Settings::port);
  public static final Setting<Integer> ALERT_PORT =
      declare("NEWSWATCH_ALERT_PORT", 8083, "8083", "alert-service's port", Settings::port);
  public static final Setting<Integer> APP_PORT =
      declare("NEWSWATCH_PORT", 8080, "8080", "the all-in-one's landing page", Settings::port);
  public static final Setting<Boolean> ALLOW_PRIVATE_FEEDS =
      declare(
          "NEWSWATCH_ALLOW_PRIVATE_FEEDS",
          false,
          "false",
          "allow feed, page, hub and webhook URLs on loopback/private addresses (tests, demo)",
          Settings::flag);
  public static final Setting<String> ADMIN_KEY =
      declareSecret(
          "NEWSWATCH_ADMIN_KEY",
          "generated once, kept in the data folder as admin.key",
          "the admin's API key (at least 16 characters)",
          Settings::adminKey);
  public static final Setting<String> CONTACT_URL =
      declare(
          "NEWSWATCH_CONTACT_URL",
          "https://github.com/newswatch/newswatch",
          "https://github.com/newswatch/newswatch",
          "contact named in the User-Agent of every request to a publisher",
          Settings::text);
  public static final Setting<String> TOPIC_PREFIX =
      declare(
          "NEWSWATCH_TOPIC_PREFIX",
          "",
          "empty",
          "prefix for every topic name (several deployments on one cluster)",
          Settings::text);
  public static final Setting<Long> HEALTH_MAX_LAG =
      declare(
          "NEWSWATCH_HEALTH_MAX_LAG",
          ServiceContext.DEFAULT_HEALTH_MAX_LAG,
          Long.toString(ServiceContext.DEFAULT_HEALTH_MAX_LAG),
          "records a service may be behind and still answer /health with UP",
          Settings::wholeNumber);
  public static final Setting<String> INGEST_PUBLIC_URL =
      declare(
          "NEWSWATCH_INGEST_PUBLIC_URL",
          null,
          "unset",
          "ingest-service's address as hubs see it; set = WebSub push on",
          Settings::text);
  public static final Setting<URI> INDEX_URL =
      declare(
          "NEWSWATCH_INDEX_URL",
          null,
          "http://localhost:NEWSWATCH_INDEX_PORT",
          "where alert-service's subscription preview reads recent articles (index-service)",
          Settings::httpUrl);
  public static final Setting<String> SMTP_HOST =
      declare(
          "NEWSWATCH_SMTP_HOST",
          null,
          "unset",
          "SMTP server for e-mail alerts; unset = no e-mail channel",
          Settings::text);
  public static final Setting<Integer> SMTP_PORT =
      declare(
          "NEWSWATCH_SMTP_PORT",
          587,
          "587",
          "SMTP submission port (RFC 6409)",
          Settings::serverPort);
  public static final Setting<String> SMTP_FROM =
      declare(
          "NEWSWATCH_SMTP_FROM", null, "unset", "sender address of e-mail alerts", Settings::text);
  public static final Setting<String> SMTP_USER =
      declare("NEWSWATCH_SMTP_USER", null, "unset", "SMTP user name", Settings::text);
  public static final Setting<String> SMTP_PASSWORD =
      declareSecret("NEWSWATCH_SMTP_PASSWORD", "unset", "SMTP password", Settings::text);
  public static final Setting<Boolean> SMTP_STARTTLS =
      declare(
          "NEWSWATCH_SMTP_STARTTLS",
          true,
          "true",
          "require STARTTLS before anything is sent (RFC 3207)",
          Settings::flag);
  public static final Setting<Integer> LIMIT_SUBSCRIPTIONS =
      declare(
          "NEWSWATCH_LIMIT_SUBSCRIPTIONS",
          100,
          "100",
          "subscriptions per analyst",
          Settings::limit);
  public static final Setting<Integer> LIMIT_CHANNELS =
      declare("NEWSWATCH_LIMIT_CHANNELS", 10, "10", "channels per subscription", Settings::limit);
  public static final Setting<Integer> LIMIT_WEIGHTED_LINES =
      declare(
          "NEWSWATCH_LIMIT_WEIGHTED_LINES",
          200,
          "200",
          "lines of a weighted query",
          Settings::limit);
  public static final Setting<Integer> LIMIT_STREAMS =
      declare("NEWSWATCH_LIMIT_STREAMS", 5, "5", "live alert streams per analyst", Settings::limit);
  public static final Setting<Integer> LIMIT_PREVIEWS =
      declare(
          "NEWSWATCH_LIMIT_PREVIEWS",
          2,
          "2",
          "subscription previews at once per analyst",
          Settings::limit);
  public static final Setting<String> JAVA_OPTS =
      declare(
          "NEWSWATCH_JAVA_OPTS",
          null,
          "empty",
          "JVM flags, read by the ./newswatch script",
          Settings::text);

  private final Map<Setting<?>, Object> values;
  private final Set<Setting<?>> fromEnvironment;

  private Settings(Map<Setting<?>, Object> values, Set<Setting<?>> fromEnvironment) {
    this.values = values;
    this.fromEnvironment = fromEnvironment;
  }

  /** Every variable, in the order of the README's table. */
  public static List<Setting<?>> all() {
    return Collections.unmodifiableList(DECLARED);
  }

  /** The names of every variable. */
  public static List<String> names() {
    return DECLARED.stream().map(Setting::name).toList();
  }

  /**
   * Reads and checks every variable; the first bad one stops with a message naming it and what it
   * accepts.
   */
  public static Settings read(Env env) {
    Map<Setting<?>, Object> values = new LinkedHashMap<>();
    Set<Setting<?>> set = new HashSet<>();
    for (Setting<?> s : DECLARED) {
      String text = env.get(s.name());
      if (text == null) {
        values.put(s, s.fallback());
      } else {
        values.put(s, s.parse(text));
        set.add(s);
      }
    }
    return new Settings(Collections.unmodifiableMap(values), Set.copyOf(set));
  }

  /** Every variable at its default. */
  public static Settings defaults() {
    return read(new Env(Map.of()));
  }

  /** The value, or null when the variable is unset and has no default. */
  @SuppressWarnings("unchecked")
  public <T> T get(Setting<T> setting) {
    return (T) values.get(setting);
  }

  /** Whether the value came from the environment (else it is the default). */
  public boolean fromEnvironment(Setting<?> setting) {
    return fromEnvironment.contains(setting);
  }

  /** The value as printed: a secret that is set is masked, an unset one says so. */
  public String shown(Setting<?> setting) {
    Object v = values.get(setting);
    if (v == null || "".equals(v)) {
      return "(" + setting.defaultText() + ")";
    }
    return setting.secret() ? "********" : v.toString();
  }

  private static <T> Setting<T> declare(
      String name, T fallback, String defaultText, String description, Function<String, T> p) {
    Setting<T> s = new Setting<>(name, fallback, defaultText, false, description, p);
    DECLARED.add(s);
    return s;
  }

  private static Setting<String> declareSecret(
      String name, String defaultText, String description, Function<String, String> p) {
    Setting<String> s = new Setting<>(name, null, defaultText, true, description, p);
    DECLARED.add(s);
    return s;
  }

  static String text(String v) {
    return v;
  }

  static Path path(String v) {
    try {
      return Path.of(v);
    } catch (java.nio.file.InvalidPathException e) {
      throw new IllegalArgumentException("a file path");
    }
  }

  static int port(String v) {
    return number(v, 0, 65535, "a port number 0-65535");
  }

  static int serverPort(String v) {
    return number(v, 1, 65535, "a port number 1-65535");
  }

  static int limit(String v) {
    return number(v, 1, 1_000_000, "a whole number from 1 to 1000000");
  }

  static long wholeNumber(String v) {
    try {
      long n = Long.parseLong(v);
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // said below
    }
    throw new IllegalArgumentException("a whole number 0 or more");
  }

  private static int number(String v, int min, int max, String what) {
    try {
      int n = Integer.parseInt(v);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // said below
    }
    throw new IllegalArgumentException(what);
  }

  static boolean flag(String v) {
    return switch (v.toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes" -> true;
      case "false", "0", "no" -> false;
      default -> throw new IllegalArgumentException("true or false");
    };
  }

  static String adminKey(String v) {
    if (v.length() < 16) {
      throw new IllegalArgumentException("at least 16 characters");
    }
    return v;
  }

  static URI httpUrl(String v) {
    String what = "index-service's base URL like http://localhost:8082";
    try {
      URI u = URI.create(v.endsWith("/") ? v.substring(0, v.length() - 1) : v);
      if (u.getHost() == null || !("http".equals(u.getScheme()) || "https".equals(u.getScheme()))) {
        throw new IllegalArgumentException(what);
      }
      return u;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(what);
    }
  }
}
