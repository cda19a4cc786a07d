package org.newswatch.alert.emit;

import java.util.HexFormat;
import org.newswatch.common.Hashes;

/**
 * The ids of alerts no longer held in full, the most recent {@code max} of them, oldest forgotten
 * first: enough to keep refusing to alert a story twice long after the alert itself left memory. An
 * alert id is 16 hex digits (64 bits of a SHA-256), so each is kept as one {@code long}: about 8
 * bytes in the insertion-order ring plus 11–21 bytes in the open-addressing table (load ≤ 0.75,
 * doubled as it grows). Not thread-safe: {@link AlertStore} guards it.
 */
final class OldAlertIds {
  private final int max;

  /** Insertion order, a ring: ids[(head + i) % length] for i < size. */
  private long[] fifo = new long[1024];

  private int head;
  private int size;

  /** Linear probing; 0 marks an empty slot, so the key 0 is counted apart. */
  private long[] table = new long[2048];

  private boolean hasZero;

  OldAlertIds(int max) {
    if (max < 0) {
      throw new IllegalArgumentException("max must not be negative");
    }
    this.max = max;
  }

  /**
   * The 64 bits an alert id stands for: its own hex digits, or (for any other shape) those of its
   * hash.
   */
  static long key(String alertId) {
    String hex =
        alertId.length() == 16
                && HexFormat.isHexDigit(alertId.charAt(0))
                && alertId.chars().allMatch(HexFormat::isHexDigit)
            ? alertId
            : Hashes.id(alertId);
    return Long.parseUnsignedLong(hex, 16);
  }

  boolean contains(String alertId) {
    return contains(key(alertId));
  }

  /** Remembers an id not already here, forgetting the oldest if {@code max} are held. */
  void add(String alertId) {
    long k = key(alertId);
    if (max == 0 || contains(k)) {
      return;
    }
    if (size == max) {
      remove(fifo[head]);
      head = (head + 1) % fifo.length;
      size--;
    }
    if (size == fifo.length) {
      growFifo();
    }
    fifo[(head + size) % fifo.length] = k;
    size++;
    insert(k);
  }

  int size() {
    return size;
  }

  private boolean contains(long k) {
    if (k == 0) {
      return hasZero;
    }
    for (int i = slot(k, table.length); table[i] != 0; i = (i + 1) & (table.length - 1)) {
      if (table[i] == k) {
        return true;
      }
    }
    return false;
  }

  private void insert(long k) {
    if (k == 0) {
      hasZero = true;
      return;
    }
    if ((size + 1) * 4L > table.length * 3L) {
      rehash(table.length * 2);
    }
    place(table, k);
  }

  private static void place(long[] t, long k) {
    int i = slot(k, t.length);
    while (t[i] != 0) {
      i = (i + 1) & (t.length - 1);
    }
    t[i] = k;
  }

  /** Removal with backward shift, so no tombstones pile up. */
  private void remove(long k) {
    if (k == 0) {
      hasZero = false;
      return;
    }
    int mask = table.length - 1;
    int i = slot(k, table.length);
    while (table[i] != k) {
      if (table[i] == 0) {
        return;
      }
      i = (i + 1) & mask;
    }
    for (int j = (i + 1) & mask; table[j] != 0; j = (j + 1) & mask) {
      int home = slot(table[j], table.length);
      // table[j] may move back to the hole at i unless its home lies cyclically in (i, j].
      boolean homeBetween = i <= j ? (home > i && home <= j) : (home > i || home <= j);
      if (!homeBetween) {
        table[i] = table[j];
        i = j;
      }
    }
    table[i] = 0;
  }

  private void rehash(int length) {
    long[] t = new long[length];
    for (long k : table) {
      if (k != 0) {
        place(t, k);
      }
    }
    table = t;
  }

  private void growFifo() {
    long[] f = new long[(int) Math.min((long) fifo.length * 2, Math.max(max, fifo.length + 1))];
    for (int i = 0; i < size; i++) {
      f[i] = fifo[(head + i) % fifo.length];
    }
    fifo = f;
    head = 0;
  }

  private static int slot(long k, int length) {
    // Mixed (murmur3's finaliser): test ids and hashes alike spread over the table.
    k ^= k >>> 33;
    k *= 0xff51afd7ed558ccdL;
    k ^= k >>> 33;
    return (int) k & (length - 1);
  }
}
