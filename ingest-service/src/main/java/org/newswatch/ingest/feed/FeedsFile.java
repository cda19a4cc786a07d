package org.newswatch.ingest.feed;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.newswatch.common.config.Env;
import org.newswatch.common.model.Feed;

/**
 * Reads a feeds file (YAML) into {@link Feed}s:
 *
 * <pre>
 * feeds:
 *   - id: voa-english
 *     url: https://www.voanews.com/api/zyvqkpemit
 *     source: Voice of America
 *     language: en
 *     interval: 5m        # 30s, 5m, 1h ...
 * </pre>
 *
 * Every error names the file, the line and the field, so a typo stops the service at start with a
 * message the operator can act on. Without a file, the bundled {@code default-feeds.yaml} (the real
 * VOA and Dunya News feeds) is used.
 */
public final class FeedsFile {
  static final String DEFAULT_RESOURCE = "/org/newswatch/ingest/default-feeds.yaml";
  private static final ObjectMapper YAML =
      YAMLMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  /** One entry as written; all text, checked when turned into a {@link Feed}. */
  record Entry(String id, String url, String source, String language, String interval) {}

  private FeedsFile() {}

  /** The feeds of a file, or of the bundled default when {@code file} is null. */
  public static List<Feed> load(Path file) {
    if (file == null) {
      try (InputStream in = FeedsFile.class.getResourceAsStream(DEFAULT_RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException(
              "the bundled feeds file " + DEFAULT_RESOURCE + " is missing");
        }
        return parse(in.readAllBytes(), "bundled " + DEFAULT_RESOURCE);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read feeds file " + file + ": " + e.getMessage(), e);
    }
    return parse(bytes, file.toString());
  }

  /**
   * Parses a feeds document.
   *
   * @param name what to call it in error messages
   * @throws IllegalArgumentException naming the line and field of the first error
   */
  public static List<Feed> parse(byte[] yaml, String name) {
    List<Feed> feeds = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    try (JsonParser p = ((YAMLFactory) YAML.getFactory()).createParser(yaml)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw error(name, p.currentLocation(), "expected a mapping with a 'feeds:' list");
      }
      boolean sawFeeds = false;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (!field.equals("feeds")) {
          throw error(
              name, p.currentLocation(), "unknown key '" + field + "' (only 'feeds' is allowed)");
        }
        sawFeeds = true;
        if (value == JsonToken.VALUE_NULL) {
          continue; // "feeds:" with nothing under it: no feeds
        }
        if (value != JsonToken.START_ARRAY) {
          throw error(
              name,
              p.currentLocation(),
              "'feeds' must be a list of {id, url, source, language, interval}");
        }
        int index = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
          index++;
          JsonLocation at = p.currentLocation();
          if (p.currentToken() != JsonToken.START_OBJECT) {
            throw error(
                name,
                at,
                "feed #" + index + " must be a mapping of id, url, source, language, interval");
          }
          Entry entry;
          try {
            entry = YAML.readValue(p, Entry.class);
          } catch (com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException e) {
            throw error(
                name,
                at,
                "feed #"
                    + index
                    + ": unknown field '"
                    + e.getPropertyName()
                    + "' (allowed: id, url, source, language, interval)");
          } catch (JsonProcessingException e) {
            throw error(name, at, "feed #" + index + ": " + e.getOriginalMessage());
          }
          Feed feed = toFeed(entry, name, at, index);
          if (!ids.add(feed.id())) {
            throw error(name, at, "feed #" + index + ": id '" + feed.id() + "' is used twice");
          }
          feeds.add(feed);
        }
      }
      if (!sawFeeds) {
        throw error(name, p.currentLocation(), "no 'feeds:' list");
      }
    } catch (JsonProcessingException e) {
      throw error(name, e.getLocation(), "not valid YAML: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return List.copyOf(feeds);
  }

  private static Feed toFeed(Entry e, String name, JsonLocation at, int index) {
    String where = "feed #" + index + (e.id() == null ? "" : " '" + e.id() + "'");
    if (e.id() == null) {
      throw error(name, at, where + ": field 'id' is required");
    }
    if (e.url() == null) {
      throw error(name, at, where + ": field 'url' is required");
    }
    Duration interval = null;
    if (e.interval() != null) {
      try {
        interval = Env.parseDuration(e.interval());
      } catch (IllegalArgumentException ex) {
        throw error(name, at, where + ": field 'interval': " + ex.getMessage());
      }
    }
    try {
      return new Feed(e.id(), e.url(), e.source(), e.language(), interval);
    } catch (IllegalArgumentException ex) {
      throw error(name, at, where + ": " + ex.getMessage());
    }
  }

  private static IllegalArgumentException error(String name, JsonLocation at, String message) {
    String line = at == null || at.getLineNr() < 1 ? "" : " line " + at.getLineNr();
    return new IllegalArgumentException("feeds file " + name + line + ": " + message);
  }
}
