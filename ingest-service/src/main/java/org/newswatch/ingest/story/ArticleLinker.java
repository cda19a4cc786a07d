package org.newswatch.ingest.story;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.newswatch.common.Json;
import org.newswatch.common.kafka.RecordOrigin;
import org.newswatch.common.model.Article;
import org.newswatch.common.model.Story;

/**
 * Turns a batch of raw {@code news.intake} records into what must be written: each article with its
 * story id (for {@code news.articles}), each story it changed (for {@code news.stories}), and dead
 * letters for records that cannot be read. No Kafka types here: {@link StoryLinker} rebuilds it
 * from {@code news.articles} ({@link #remember}) when it takes the intake partition, feeds it
 * batches and writes the result in one transaction.
 *
 * <p>An article already known by id keeps its story (an update is not a new story, whatever its new
 * text); any other goes to the {@link StoryMatcher}. The story id an ingest instance put on the
 * intake record is provisional and never used.
 */
final class ArticleLinker {
  /**
   * Articles whose story is known by id: twice the near-duplicate matcher's memory; about 40 MB.
   */
  static final int DEFAULT_MAX_KNOWN = 400_000;

  /** An intake record as read: key, raw value, and where it was read from (for dead letters). */
  public record Raw(String key, byte[] value, RecordOrigin origin) {}

  /** What a batch produces, in the order to write it. */
  public sealed interface Output permits Linked, StoryChanged, DeadLetter {}

  /** The article with its story id; {@code update} when its id was known before. */
  public record Linked(Article article, boolean update) implements Output {}

  /** A story as it is after the batch (one per story changed by the batch). */
  public record StoryChanged(Story story) implements Output {}

  public record DeadLetter(
      String key, byte[] value, RecordOrigin origin, String error, String errorClass)
      implements Output {}

  private final StoryMatcher matcher;
  private final StoryBook stories;
  private final int maxKnown;

  /** Article id to story id, oldest first; bounded by {@code maxKnown}. */
  private final LinkedHashMap<String, String> known = new LinkedHashMap<>(1024);

  public ArticleLinker(StoryMatcher matcher) {
    this(matcher, DEFAULT_MAX_KNOWN, StoryBook.DEFAULT_MAX_MEMBERS);
  }

  ArticleLinker(StoryMatcher matcher, int maxKnown, int maxStoryMembers) {
    if (maxKnown < 1) {
      throw new IllegalArgumentException("maxKnown must be at least 1, was " + maxKnown);
    }
    this.matcher = matcher;
    this.maxKnown = maxKnown;
    this.stories = new StoryBook(maxStoryMembers);
  }

  /**
   * An article read back from {@code news.articles}, with the story it was given: remembered,
   * nothing written.
   */
  public void remember(Article article) {
    boolean first = know(article.id(), article.storyId()) == null;
    if (first) {
      matcher.remember(article);
    }
    stories.add(article);
  }

  /** The story an article id was given, or null when it is not known (never seen, or forgotten). */
  public String storyOf(String articleId) {
    return known.get(articleId);
  }

  public List<Output> process(List<Raw> batch) {
    List<Output> out = new ArrayList<>();
    Map<String, Story> changed = new LinkedHashMap<>();
    for (Raw raw : batch) {
      Article article;
      try {
        if (raw.value() == null) {
          throw new IllegalArgumentException("record has no value");
        }
        article = Json.fromBytes(raw.value(), Article.class);
      } catch (IllegalArgumentException e) {
        out.add(
            new DeadLetter(
                raw.key(), raw.value(), raw.origin(), e.getMessage(), e.getClass().getName()));
        continue;
      }
      String story = known.get(article.id());
      boolean update = story != null;
      if (!update) {
        try {
          story = matcher.assign(article);
        } catch (RuntimeException e) {
          // The matcher's own failure on this one article: the record is kept for a look, the rest
          // go on.
          out.add(
              new DeadLetter(
                  raw.key(),
                  raw.value(),
                  raw.origin(),
                  "the story matcher failed: " + e,
                  e.getClass().getName()));
          continue;
        }
        if (story == null || story.isBlank()) {
          out.add(
              new DeadLetter(
                  raw.key(),
                  raw.value(),
                  raw.origin(),
                  "the story matcher gave no story id",
                  null));
          continue;
        }
      }
      Article linked = article.withStoryId(story);
      know(linked.id(), story);
      out.add(new Linked(linked, update));
      changed.put(story, stories.add(linked));
    }
    changed.values().forEach(s -> out.add(new StoryChanged(s)));
    return out;
  }

  int storiesHeld() {
    return stories.size();
  }

  private String know(String articleId, String storyId) {
    String before = known.put(articleId, storyId);
    if (known.size() > maxKnown) {
      known.remove(known.keySet().iterator().next());
    }
    return before;
  }
}
