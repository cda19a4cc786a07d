package org.newswatch.app.docker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The news site's files, which {@link FixtureSite} serves from a container: several feeds (so that
 * scaled ingest instances each get some of news.feeds' partitions), each story on one of them, and
 * each story's page. Every story is about the Balochistan border, carries the word {@link #WORD}
 * and a word of its own, and enough words of its own that no two are taken for the same story.
 */
final class FixtureFeeds {
  static final String WORD = "Composefixture";
  static final int FEEDS = 6;

  private final Path dir;
  private final String base;
  private final List<List<String>> items = new ArrayList<>();
  private int stories;

  FixtureFeeds(Path dir, int port) throws IOException {
    this.dir = dir;
    this.base = "http://127.0.0.1:" + port;
    StringBuilder feeds = new StringBuilder("feeds:\n");
    for (int f = 0; f < FEEDS; f++) {
      items.add(new ArrayList<>());
      feeds
          .append("  - {id: compose-")
          .append(f)
          .append(", url: ")
          .append(base)
          .append("/feed")
          .append(f)
          .append(".rss, source: Compose News, language: en, interval: 5s}\n");
      writeFeed(f);
    }
    write("feeds.yaml", feeds.toString());
  }

  /** Publishes the next story and returns its own word (searchable once indexed). */
  String publish() throws IOException {
    int n = ++stories;
    String tag = "Storytag" + n;
    Random words = new Random(n);
    StringBuilder filler = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      filler.append(' ').append(pseudoWord(words));
    }
    String title = "Militants attack border guards near Panjgur, " + tag;
    String page =
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
            + title
            + "</title></head><body><article><h1>"
            + title
            + "</h1><p>Gunmen attacked a border guard post in Panjgur, Balochistan, near the Iran border. "
            + WORD
            + " "
            + tag
            + ".</p><p>"
            + filler
            + ".</p></article></body></html>";
    write("story" + n + ".html", page);
    int feed = n % FEEDS;
    items
        .get(feed)
        .add(
            0,
            "<item><title>"
                + title
                + "</title><link>"
                + base
                + "/story"
                + n
                + ".html</link><guid>"
                + base
                + "/story"
                + n
                + ".html</guid><description>Gunmen attacked a border guard post in Panjgur.</description></item>");
    writeFeed(feed);
    return tag;
  }

  int stories() {
    return stories;
  }

  private void writeFeed(int f) throws IOException {
    write(
        "feed" + f + ".rss",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>Compose News "
            + f
            + "</title><link>"
            + base
            + "/</link><description>compose test feed</description>\n"
            + String.join("\n", items.get(f))
            + "\n</channel></rss>\n");
  }

  /** Replaced in one step: the site container may read the file at any moment. */
  private void write(String name, String text) throws IOException {
    Path partial = dir.resolve(name + ".partial");
    Files.writeString(partial, text, StandardCharsets.UTF_8);
    Files.move(
        partial,
        dir.resolve(name),
        StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
  }

  private static String pseudoWord(Random random) {
    String consonants = "bdfgklmnprstvz";
    String vowels = "aeiou";
    StringBuilder w = new StringBuilder();
    for (int i = 0; i < 4; i++) {
      w.append(consonants.charAt(random.nextInt(consonants.length())))
          .append(vowels.charAt(random.nextInt(vowels.length())));
    }
    return w.toString();
  }
}
