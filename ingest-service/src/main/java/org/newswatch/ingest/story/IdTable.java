package org.newswatch.ingest.story;

/**
 * Article id hashes (64 bits) to ring slots, in two primitive arrays (open addressing, linear
 * probing, deletion by shifting back, Knuth vol. 3, 6.4 Algorithm R): what a {@code HashMap} of the
 * ids did in about a quarter of the memory, with no object per article. Two different ids share a
 * 64-bit hash about once in 10^8 weeks of 200,000 articles; such an article would be taken for the
 * other one and join its story.
 */
final class IdTable {
  private final long[] keys;

  /** Slot + 1; 0 marks an empty cell. */
  private final int[] values;

  private final int mask;

  /** A table for up to {@code capacity} entries, at most half full. */
  IdTable(int capacity) {
    int cells = Integer.highestOneBit(Math.max(2, capacity) * 2 - 1) * 2;
    keys = new long[cells];
    values = new int[cells];
    mask = cells - 1;
  }

  private int home(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h >>> 32) & mask;
  }

  /** The slot stored for the key, or -1. */
  int get(long key) {
    for (int i = home(key); values[i] != 0; i = (i + 1) & mask) {
      if (keys[i] == key) {
        return values[i] - 1;
      }
    }
    return -1;
  }

  void put(long key, int slot) {
    int i = home(key);
    while (values[i] != 0 && keys[i] != key) {
      i = (i + 1) & mask;
    }
    keys[i] = key;
    values[i] = slot + 1;
  }

  /**
   * Removes the key if it maps to this slot (a newer article with the same id may have replaced
   * it).
   */
  void remove(long key, int slot) {
    int i = home(key);
    while (values[i] != 0 && keys[i] != key) {
      i = (i + 1) & mask;
    }
    if (values[i] == 0 || values[i] != slot + 1) {
      return;
    }
    // Shift later cells of the probe run back into the gap, so that every key stays reachable.
    int gap = i;
    for (int j = (gap + 1) & mask; values[j] != 0; j = (j + 1) & mask) {
      int h = home(keys[j]);
      boolean movable = gap <= j ? (h <= gap || h > j) : (h <= gap && h > j);
      if (movable) {
        keys[gap] = keys[j];
        values[gap] = values[j];
        gap = j;
      }
    }
    values[gap] = 0;
  }
}
