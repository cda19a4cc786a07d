package org.newswatch.ingest.story;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.newswatch.common.Hashes;
import org.newswatch.common.model.Article;

/**
 * Articles made of the story fixtures under {@code extract/stories/} (first line the title, the
 * rest the body).
 */
final class StoryTexts {
  private StoryTexts() {}

  static String[] text(String name) {
    try (InputStream in =
        StoryTexts.class.getResourceAsStream("/extract/stories/" + name + ".txt")) {
      if (in == null) {
        throw new IllegalArgumentException("no story fixture " + name);
      }
      String all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      int nl = all.indexOf('\n');
      return new String[] {all.substring(0, nl).strip(), all.substring(nl + 1).strip()};
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * An article at {@code https://<source>.example/<path>} with the text of fixture {@code name},
   * fetched at {@code at}.
   */
  static Article article(String source, String path, String name, String language, Instant at) {
    String[] t = text(name);
    return article(source, path, t[0], t[1], language, at);
  }

  static Article article(
      String source, String path, String title, String body, String language, Instant at) {
    String url = "https://" + source + ".example/" + path;
    return new Article(
        Article.SCHEMA,
        Hashes.id(url),
        url,
        url,
        source + "-feed",
        source,
        title,
        body,
        List.of(),
        language,
        at,
        at,
        null,
        Hashes.sha256Hex(title + "\n" + body),
        null);
  }
}
