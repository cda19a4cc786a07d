package org.newswatch.alert.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.newswatch.common.Hashes;
import org.newswatch.common.model.Alert;

class AlertStoreTest {
  private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private static Alert alert(String id, String subscription, String owner, Instant createdAt) {
    return new Alert(
        Alert.SCHEMA,
        id,
        subscription,
        owner,
        "art-" + id,
        "story-" + id,
        "https://news.example/" + id,
        "Title " + id,
        "voa",
        "en",
        createdAt,
        List.of("Kech"),
        "…",
        createdAt);
  }

  private static List<String> ids(AlertStore.Page page) {
    return page.items().stream().map(Alert::id).toList();
  }

  @Test
  void pastTheCountTheOldestAlertsGoButTheirIdsStillCountAsAlerted() {
    AlertStore store = new AlertStore(new AlertStore.Limits(3, Duration.ofDays(90), 100), CLOCK);
    for (int i = 1; i <= 5; i++) {
      assertTrue(store.add(alert("a" + i, "sub", "an-1", NOW.minusSeconds(60 - i))));
    }
    assertEquals(3, store.size());
    assertEquals(
        List.of("a5", "a4", "a3"),
        ids(store.page(new AlertStore.Query("sub", null, null), null, 10)));
    // a1 and a2 are no longer listed, but the same story must not alert again.
    assertTrue(store.contains("a1"));
    assertFalse(store.add(alert("a1", "sub", "an-1", NOW)));
    assertFalse(store.contains("never"));
  }

  @Test
  void alertsOlderThanTheAgeLimitGoEvenUnderTheCount() {
    AlertStore store = new AlertStore(new AlertStore.Limits(100, Duration.ofDays(7), 100), CLOCK);
    store.add(alert("old", "sub", "an-1", NOW.minus(Duration.ofDays(8))));
    store.add(alert("recent", "sub", "an-1", NOW.minus(Duration.ofDays(6))));
    assertEquals(
        List.of("recent"), ids(store.page(new AlertStore.Query(null, null, null), null, 10)));
    assertTrue(store.contains("old"));
  }

  @Test
  void rememberedIdsAreBoundedToo() {
    AlertStore store = new AlertStore(new AlertStore.Limits(1, Duration.ofDays(90), 2), CLOCK);
    for (String id : List.of("x1", "x2", "x3", "x4")) {
      store.add(alert(id, "sub", "an-1", NOW));
    }
    // x4 held, x3 and x2 remembered, x1 forgotten: it could alert again (documented cost of the
    // bound).
    assertTrue(store.contains("x4") && store.contains("x3") && store.contains("x2"));
    assertFalse(store.contains("x1"));
  }

  @Test
  void listsBySubscriptionOwnerAndSinceWithCursorsOverWhatIsHeld() {
    AlertStore store = new AlertStore(new AlertStore.Limits(50, Duration.ofDays(90), 100), CLOCK);
    List<String> mine = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      String sub = i % 3 == 0 ? "sub-a" : i % 3 == 1 ? "sub-b" : "sub-c";
      String owner = sub.equals("sub-c") ? "an-2" : "an-1";
      store.add(alert("al" + i, sub, owner, NOW.minusSeconds(600 - i)));
      if (i >= 10 && sub.equals("sub-a")) {
        mine.add(0, "al" + i); // newest first; the first 10 alerts are no longer held
      }
    }
    List<String> paged = new ArrayList<>();
    String cursor = null;
    do {
      AlertStore.Page page = store.page(new AlertStore.Query("sub-a", null, null), cursor, 4);
      paged.addAll(ids(page));
      cursor = page.cursor();
    } while (cursor != null);
    assertEquals(mine, paged);

    AlertStore.Page owner2 = store.page(new AlertStore.Query(null, "an-2", null), null, 100);
    assertTrue(owner2.items().stream().allMatch(a -> a.owner().equals("an-2")));
    assertEquals(17, owner2.items().size(), "sub-c's alerts among the 50 held");
    assertNull(owner2.cursor());

    Instant since = NOW.minusSeconds(600 - 54);
    assertEquals(
        List.of("al57", "al54"),
        ids(store.page(new AlertStore.Query("sub-a", null, since), null, 10)));
    assertEquals(
        List.of(),
        store.page(new AlertStore.Query("sub-a", "an-2", null), null, 10).items(),
        "another owner's subscription lists nothing");
    assertEquals(
        List.of(), store.page(new AlertStore.Query("unknown", null, null), null, 10).items());
  }

  @Test
  void theScanningListingAgreesWithTheIndexedOne() {
    AlertStore store = new AlertStore(new AlertStore.Limits(20, Duration.ofDays(90), 100), CLOCK);
    for (int i = 0; i < 30; i++) {
      store.add(alert("s" + i, i % 2 == 0 ? "even" : "odd", "an-1", NOW));
    }
    assertEquals(
        ids(store.page(new AlertStore.Query("even", null, null), null, 100)),
        ids(store.page(a -> a.subscriptionId().equals("even"), null, null, 100)));
  }

  @Test
  void aCursorThatIsNotOneIsRefused() {
    AlertStore store = new AlertStore();
    assertThrows(
        IllegalArgumentException.class,
        () -> store.page(new AlertStore.Query(null, null, null), "not-a-cursor", 10));
  }

  @Test
  void rememberedIdsSurviveHeavyChurnWithoutFalseAnswers() {
    // Real alert ids (16 hex digits), many more than the bound: every recent one known, none
    // invented.
    OldAlertIds ids = new OldAlertIds(5_000);
    List<String> all = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      String id = Hashes.id("alert", "sub", "story-" + i);
      all.add(id);
      ids.add(id);
    }
    assertEquals(5_000, ids.size());
    for (int i = 0; i < all.size(); i++) {
      assertEquals(i >= 15_000, ids.contains(all.get(i)), "id " + i);
    }
  }

  /**
   * Two threads add (the emitter and the alerts topic's reader). The listener hearing the first
   * alert waits up to a second for the second to be heard first, as a scheduler may make it; the
   * live stream replays after a Last-Event-ID in the store's order, so the order heard must be the
   * order held, or a client dropped between the two loses one.
   */
  @Test
  void listenersHearAlertsInTheOrderTheStoreHoldsThemWhateverThreadAddsThem() throws Exception {
    AlertStore store = new AlertStore(AlertStore.Limits.defaults(), CLOCK);
    List<String> heard = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    java.util.concurrent.CountDownLatch secondHeard = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch firstAdding = new java.util.concurrent.CountDownLatch(1);
    store.onAdd(
        a -> {
          if (a.id().equals("first")) {
            firstAdding.countDown();
            try {
              secondHeard.await(1, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          } else {
            secondHeard.countDown();
          }
          heard.add(a.id());
        });
    Thread first = Thread.ofPlatform().start(() -> store.add(alert("first", "sub", "an-1", NOW)));
    firstAdding.await();
    Thread second = Thread.ofPlatform().start(() -> store.add(alert("second", "sub", "an-1", NOW)));
    first.join();
    second.join();
    List<String> held = ids(store.page(new AlertStore.Query(null, null, null), null, 10));
    assertEquals(List.of("second", "first"), held, "held newest first");
    assertEquals(List.of("first", "second"), heard, "heard oldest first, as held");
  }
}
