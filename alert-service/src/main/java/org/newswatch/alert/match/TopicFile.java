package org.newswatch.alert.match;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A topic definition as a readable text file, so that an analyst can copy a built-in topic and make
 * their own. The format, line by line:
 *
 * <pre>
 * # a comment (a whole line whose first non-blank character is '#')
 * id: balochistan-border-security
 * name: Balochistan / Pakistan–Iran border security
 * languages: en, ur, fa          (optional; empty = every language)
 * query:
 *   ...the Lucene query, over as many lines as it needs; comment lines are dropped...
 * </pre>
 *
 * Everything after {@code query:} is the query; its lines are joined with spaces.
 */
public record TopicFile(String id, String name, List<String> languages, String query) {

  public TopicFile {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("topic file has no 'id:' line");
    }
    if (query == null || query.isBlank()) {
      throw new IllegalArgumentException("topic " + id + " has no query after 'query:'");
    }
    languages = languages == null ? List.of() : List.copyOf(languages);
  }

  public static TopicFile parse(String text) {
    Map<String, String> header = new LinkedHashMap<>();
    StringBuilder query = null;
    int lineNumber = 0;
    for (String line : text.split("\\R")) {
      lineNumber++;
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      if (query != null) {
        query.append(trimmed).append(' ');
        continue;
      }
      int colon = trimmed.indexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException(
            "line "
                + lineNumber
                + ": expected 'key: value' before 'query:', was '"
                + trimmed
                + "'");
      }
      String key = trimmed.substring(0, colon).strip().toLowerCase(Locale.ROOT);
      String value = trimmed.substring(colon + 1).strip();
      if (key.equals("query")) {
        query = new StringBuilder(value).append(' ');
      } else {
        header.put(key, value);
      }
    }
    List<String> languages = new ArrayList<>();
    for (String l : header.getOrDefault("languages", "").split(",")) {
      if (!l.isBlank()) {
        languages.add(l.strip().toLowerCase(Locale.ROOT));
      }
    }
    return new TopicFile(
        header.get("id"),
        header.getOrDefault("name", header.get("id")),
        languages,
        query == null ? null : query.toString().strip());
  }

  /** Reads a topic file from the class path. */
  public static TopicFile resource(String path) {
    try (InputStream in = TopicFile.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("topic resource missing: " + path);
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read topic resource " + path, e);
    }
  }
}
