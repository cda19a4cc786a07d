package org.newswatch.ingest.story;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.newswatch.common.model.Article;
import org.newswatch.common.model.Story;

/**
 * The stories the linker is building, by id: each with its listed members, languages and places,
 * rebuilt from {@code news.articles} when the linker starts and written to {@code news.stories} as
 * they change. Bounded: past {@code maxMembers} members held in all, the stories touched least
 * recently are let go; a story let go and joined again starts its record anew (its id stays, as the
 * articles on {@code news.articles} keep it). Not thread-safe: the linker's thread only.
 */
final class StoryBook {
  /**
   * Above the near-duplicate matcher's 200,000 remembered articles, so a story it can still name is
   * almost always held here; a member is about 300 bytes (title and URL), so about 75 MB at most.
   */
  static final int DEFAULT_MAX_MEMBERS = 250_000;

  private final int maxMembers;

  /** Access order: the eldest entry is the story touched least recently. */
  private final LinkedHashMap<String, Entry> stories = new LinkedHashMap<>(1024, 0.75f, true);

  private long membersHeld;

  StoryBook(int maxMembers) {
    if (maxMembers < 1) {
      throw new IllegalArgumentException("maxMembers must be at least 1, was " + maxMembers);
    }
    this.maxMembers = maxMembers;
  }

  /**
   * Adds the article to its story (an update replaces its earlier version) and answers the story as
   * it is now.
   */
  Story add(Article article) {
    Entry e = stories.computeIfAbsent(article.storyId(), Entry::new);
    membersHeld -= e.members.size();
    e.add(article);
    membersHeld += e.members.size();
    while (membersHeld > maxMembers && stories.size() > 1) {
      var eldest = stories.entrySet().iterator().next();
      if (eldest.getValue() == e) {
        break;
      }
      membersHeld -= eldest.getValue().members.size();
      stories.remove(eldest.getKey());
    }
    return e.toStory();
  }

  int size() {
    return stories.size();
  }

  private static final class Entry {
    final String id;
    final Map<String, Story.Member> members = new HashMap<>();
    final TreeSet<String> languages = new TreeSet<>();
    final TreeSet<String> places = new TreeSet<>();
    int count;
    Instant firstSeen;
    Instant lastSeen;

    Entry(String id) {
      this.id = id;
    }

    void add(Article a) {
      if (members.put(a.id(), Story.Member.of(a)) == null) {
        count++;
      }
      languages.add(a.language());
      places.addAll(a.places());
      firstSeen =
          firstSeen == null || a.fetchedAt().isBefore(firstSeen) ? a.fetchedAt() : firstSeen;
      lastSeen = lastSeen == null || a.fetchedAt().isAfter(lastSeen) ? a.fetchedAt() : lastSeen;
      if (members.size() > Story.MAX_MEMBERS) {
        members.values().stream()
            .min(ORDER)
            .ifPresent(oldest -> members.remove(oldest.articleId()));
      }
    }

    Story toStory() {
      List<Story.Member> listed = new ArrayList<>(members.values());
      listed.sort(ORDER);
      return new Story(
          Story.SCHEMA,
          id,
          listed,
          count,
          List.copyOf(languages),
          List.copyOf(places),
          firstSeen,
          lastSeen);
    }
  }

  /**
   * Oldest fetched first; the article id settles ties, so a record is the same whatever order
   * members came in.
   */
  static final Comparator<Story.Member> ORDER =
      Comparator.comparing(
              Story.Member::fetchedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(Story.Member::articleId);
}
