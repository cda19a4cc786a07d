package org.newswatch.ingest.story;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IdTableTest {
  @Test
  void agreesWithAHashMapThroughARingOfPutsAndRemoves() {
    int capacity = 1_000;
    IdTable table = new IdTable(capacity);
    Map<Long, Integer> expected = new HashMap<>();
    long[] ring = new long[capacity];
    SplittableRandom random = new SplittableRandom(5);
    for (int n = 0; n < 50_000; n++) {
      int slot = n % capacity;
      if (n >= capacity) {
        table.remove(ring[slot], slot);
        expected.remove(ring[slot]);
      }
      // Few distinct high bits, so that many keys share a home cell and probe runs wrap.
      long key = random.nextLong(4_000) << 40;
      if (expected.containsKey(key)) {
        continue; // the matcher never puts an id it holds
      }
      ring[slot] = key;
      table.put(key, slot);
      expected.put(key, slot);
      if (n % 97 == 0) {
        for (var e : expected.entrySet()) {
          assertEquals(e.getValue(), table.get(e.getKey()), "key " + e.getKey() + " at step " + n);
        }
      }
    }
  }

  @Test
  void removingAKeyThatMovedToAnotherSlotKeepsIt() {
    IdTable table = new IdTable(4);
    table.put(7L, 1);
    table.put(7L, 3);
    table.remove(7L, 1);
    assertEquals(3, table.get(7L));
    table.remove(7L, 3);
    assertEquals(-1, table.get(7L));
  }
}
