package org.newswatch.common.stories;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.newswatch.common.model.Story;

class StoryShelfTest {
  static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");

  static Story story(String id, int minutes, String... languages) {
    return new Story(
        Story.SCHEMA,
        id,
        List.of(),
        1,
        List.of(languages),
        List.of(),
        T0,
        T0.plusSeconds(60L * minutes));
  }

  @Test
  void pagesNewestLastSeenFirstAndTheCursorWalksOnWithoutRepeats() {
    StoryShelf shelf = new StoryShelf();
    for (int i = 0; i < 7; i++) {
      shelf.put("s" + i, story("s" + i, i, "en"));
    }
    List<String> seen = new ArrayList<>();
    String cursor = null;
    do {
      StoryShelf.Page page = shelf.page(cursor, 3, null);
      page.items().forEach(s -> seen.add(s.id()));
      cursor = page.cursor();
    } while (cursor != null);
    assertEquals(List.of("s6", "s5", "s4", "s3", "s2", "s1", "s0"), seen);
  }

  @Test
  void aNewVersionMovesItsStoryAndAnOlderOneIsIgnored() {
    StoryShelf shelf = new StoryShelf();
    shelf.put("a", story("a", 1, "en"));
    shelf.put("b", story("b", 2, "ur"));
    shelf.put("a", story("a", 3, "en", "ur"));
    shelf.put("a", story("a", 0, "en"));
    assertEquals(
        List.of("a", "b"), shelf.page(null, 10, null).items().stream().map(Story::id).toList());
    assertEquals(List.of("en", "ur"), shelf.get("a").orElseThrow().languages());
    assertEquals(
        List.of("a", "b"), shelf.page(null, 10, "ur").items().stream().map(Story::id).toList());
    shelf.put("b", null);
    assertEquals(1, shelf.size());
    assertNull(shelf.page(null, 10, null).cursor());
  }

  @Test
  void holdsAtMostItsCapacityLettingTheOldestGo() {
    StoryShelf shelf = new StoryShelf(3);
    for (int i = 0; i < 5; i++) {
      shelf.put("s" + i, story("s" + i, i, "en"));
    }
    assertEquals(3, shelf.size());
    assertTrue(shelf.get("s0").isEmpty());
    assertTrue(shelf.get("s4").isPresent());
  }

  @Test
  void refusesACursorItDidNotMake() {
    StoryShelf shelf = new StoryShelf();
    for (String bad : List.of("x", "~a", "yesterday~a", "2026-12-01T08:00:00Z~")) {
      assertThrows(IllegalArgumentException.class, () -> shelf.page(bad, 10, null), bad);
    }
  }
}
