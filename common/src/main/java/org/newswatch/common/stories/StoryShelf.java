package org.newswatch.common.stories;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.newswatch.common.model.Story;

/**
 * The most recently seen stories of {@code news.stories}, in memory, by id and by last seen: what
 * the story API lists and what alerts show as their story's later members. Bounded: past {@code
 * capacity} stories the one last seen longest ago is let go (it stays on the topic). Fed by a
 * listener-only {@code TopicTable} of the topic; thread-safe (one lock: a story record is small and
 * the work per call is a map update or a walk of one page).
 */
public final class StoryShelf {
  /** About a month of stories at a few hundred feeds; a story of a few members is about 1 KB. */
  public static final int DEFAULT_CAPACITY = 50_000;

  private final int capacity;
  private final Map<String, Story> byId = new HashMap<>();

  /** Newest last seen first; the id settles ties. */
  private final TreeSet<Story> byLastSeen = new TreeSet<>(NEWEST_FIRST);

  static final Comparator<Story> NEWEST_FIRST =
      Comparator.comparing(Story::lastSeen, Comparator.reverseOrder()).thenComparing(Story::id);

  /** One page of stories, newest last seen first; {@code cursor} continues it, null at the end. */
  public record Page(List<Story> items, String cursor) {}

  public StoryShelf() {
    this(DEFAULT_CAPACITY);
  }

  public StoryShelf(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
    }
    this.capacity = capacity;
  }

  /**
   * A story's latest version (null: removed, a tombstone). An older version than held is ignored.
   */
  public synchronized void put(String id, Story story) {
    Story before = byId.get(id);
    if (story != null && before != null && story.lastSeen().isBefore(before.lastSeen())) {
      return; // replayed out of order: the held one is newer
    }
    if (before != null) {
      byLastSeen.remove(before);
      byId.remove(id);
    }
    if (story == null) {
      return;
    }
    byId.put(id, story);
    byLastSeen.add(story);
    while (byId.size() > capacity) {
      Story oldest = byLastSeen.pollLast();
      byId.remove(oldest.id());
    }
  }

  public synchronized Optional<Story> get(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  public synchronized int size() {
    return byId.size();
  }

  /**
   * Up to {@code limit} stories after {@code cursor} (from a previous page; null or blank: from the
   * newest), optionally only those with a member in {@code language}.
   *
   * @throws IllegalArgumentException for a cursor this shelf did not make
   */
  public synchronized Page page(String cursor, int limit, String language) {
    Iterator<Story> it =
        cursor == null || cursor.isBlank()
            ? byLastSeen.iterator()
            : byLastSeen.tailSet(after(cursor), false).iterator();
    List<Story> items = new ArrayList<>(Math.min(limit, 100));
    while (it.hasNext() && items.size() < limit) {
      Story s = it.next();
      if (language == null || s.languages().contains(language)) {
        items.add(s);
      }
    }
    String next = it.hasNext() && !items.isEmpty() ? cursorOf(items.getLast()) : null;
    return new Page(items, next);
  }

  private static String cursorOf(Story s) {
    return s.lastSeen() + "~" + s.id();
  }

  /** A stand-in story at the cursor's place in the order. */
  private static Story after(String cursor) {
    int tilde = cursor.indexOf('~');
    if (tilde < 1 || tilde == cursor.length() - 1) {
      throw new IllegalArgumentException("cursor is not one this API gave: '" + cursor + "'");
    }
    Instant at;
    try {
      at = Instant.parse(cursor.substring(0, tilde));
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException("cursor is not one this API gave: '" + cursor + "'", e);
    }
    return new Story(
        Story.SCHEMA, cursor.substring(tilde + 1), List.of(), 0, List.of(), List.of(), at, at);
  }
}
