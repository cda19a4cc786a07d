package org.newswatch.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.newswatch.common.web.StaticHttpServer;

/**
 * The demo's news sites: a loopback HTTP server with the bundled sample feeds (a VOA-like RSS 2.0
 * feed in English, a Dunya-like RSS 2.0 feed in Urdu, an Atom feed in Persian) and their article
 * pages, all written for the project. Placeholders in the files are filled in when served: {@code
 * {{BASE}}} with the server's URL and {@code {{RFC1123:h}}} / {@code {{ISO:h}}} with the time
 * {@code h} hours ago, so that the items are always recent.
 *
 * <p>The server's first port is kept in the data folder and reused by later demos on that folder:
 * article ids are hashes of their URLs, so the same port means the same articles, not new ones.
 */
final class DemoSite implements AutoCloseable {
  static final String RESOURCES = "/org/newswatch/app/demo/";
  static final String PORT_FILE = "demo-site.port";
  private static final Pattern PLACEHOLDER =
      Pattern.compile("\\{\\{(BASE|RFC1123|ISO)(?::(\\d+))?}}");

  private final StaticHttpServer server;

  private DemoSite(StaticHttpServer server) {
    this.server = server;
  }

  /**
   * Starts on the port the last demo on {@code dataDir} used when it is free, else on a free one.
   */
  static DemoSite start(Path dataDir, Clock clock) {
    int remembered = rememberedPort(dataDir);
    StaticHttpServer server =
        remembered > 0 && AllInOne.isFree(remembered)
            ? StaticHttpServer.start(remembered)
            : StaticHttpServer.start(0);
    DemoSite site = new DemoSite(server);
    try {
      Files.createDirectories(dataDir);
      if (remembered <= 0) {
        // Written once: a demo that finds the port taken (another demo still running) uses a free
        // one for itself and leaves the remembered one for the next run on this folder.
        Files.writeString(
            dataDir.resolve(PORT_FILE), server.port() + "\n", StandardCharsets.US_ASCII);
      }
      Instant now = clock.instant().truncatedTo(ChronoUnit.MINUTES);
      for (String path :
          resource("site.txt")
              .lines()
              .map(String::strip)
              .filter(l -> !l.isEmpty() && !l.startsWith("#"))
              .toList()) {
        server.put("/" + path, contentType(path), site.fill(resource(path), now));
      }
      server.put("/", "text/html; charset=utf-8", site.frontPage());
      return site;
    } catch (IOException e) {
      server.close();
      throw new UncheckedIOException("cannot write the demo's files in " + dataDir, e);
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
  }

  /** Writes the feeds file (the YAML of {@code NEWSWATCH_FEEDS}) that points at this server. */
  Path writeFeedsFile(Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, fill(resource("feeds.yaml"), Instant.now()), StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the demo feeds file " + file, e);
    }
  }

  String url(String path) {
    return server.url(path);
  }

  /** The feed URLs, for the user to look at. */
  List<String> feedUrls() {
    List<String> urls = new ArrayList<>();
    for (String path : resource("site.txt").lines().map(String::strip).toList()) {
      if (path.startsWith("feeds/")) {
        urls.add(server.url("/" + path));
      }
    }
    return urls;
  }

  @Override
  public void close() {
    server.close();
  }

  /** A page at the site's root listing the feeds, for a user who opens the demo site's URL. */
  private String frontPage() {
    StringBuilder items = new StringBuilder();
    for (String url : feedUrls()) {
      items
          .append("<li><a href=\"")
          .append(Html.escape(url))
          .append("\">")
          .append(Html.escape(url))
          .append("</a></li>\n");
    }
    return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Newswatch demo sites</title></head>"
        + "<body><h1>Newswatch demo: sample news sites</h1><p>Feeds and articles written for the demo; the events are invented.</p><ul>\n"
        + items
        + "</ul></body></html>\n";
  }

  String fill(String template, Instant now) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder(template.length() + 256);
    while (m.find()) {
      String value =
          switch (m.group(1)) {
            case "BASE" -> server.url("");
            case "RFC1123" ->
                DateTimeFormatter.RFC_1123_DATE_TIME.format(
                    hoursAgo(now, m.group(2)).atOffset(ZoneOffset.UTC));
            default -> DateTimeFormatter.ISO_INSTANT.format(hoursAgo(now, m.group(2)));
          };
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static Instant hoursAgo(Instant now, String hours) {
    return now.minus(Duration.ofHours(hours == null ? 0 : Long.parseLong(hours)));
  }

  static String contentType(String path) {
    if (path.endsWith(".rss")) {
      return "application/rss+xml; charset=utf-8";
    }
    if (path.endsWith(".atom")) {
      return "application/atom+xml; charset=utf-8";
    }
    if (path.endsWith(".html")) {
      return "text/html; charset=utf-8";
    }
    return "application/octet-stream";
  }

  static String resource(String path) {
    try (InputStream in = DemoSite.class.getResourceAsStream(RESOURCES + path)) {
      if (in == null) {
        throw new IllegalStateException("demo resource missing from the jar: " + RESOURCES + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int rememberedPort(Path dataDir) {
    Path file = dataDir.resolve(PORT_FILE);
    try {
      return Files.exists(file)
          ? Integer.parseInt(Files.readString(file, StandardCharsets.US_ASCII).strip())
          : 0;
    } catch (IOException | NumberFormatException e) {
      return 0; // A damaged file only costs the port; the demo then starts with fresh URLs.
    }
  }
}
