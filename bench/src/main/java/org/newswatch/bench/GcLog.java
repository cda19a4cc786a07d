package org.newswatch.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The heap of a child JVM as its own GC log tells it ({@code -Xlog:gc:file=…}, unified logging, JDK
 * 9+): each collection's line ends {@code 150M->40M(256M)}, heap used before and after it and the
 * heap's committed size. The largest "before" is the peak heap used (garbage included); the largest
 * "after" bounds the live set. Needs no metrics endpoint and no agent in the child.
 */
final class GcLog {
  private static final Pattern HEAP =
      Pattern.compile("(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");

  /** Peak figures over the log, in bytes, and how many collections it lists. */
  record Heap(int collections, long maxBefore, long maxAfter, long maxCommitted, long lastAfter) {}

  private GcLog() {}

  static Heap read(Path log) throws IOException {
    return parse(Files.readAllLines(log, StandardCharsets.UTF_8));
  }

  static Heap parse(List<String> lines) {
    int n = 0;
    long before = 0, after = 0, committed = 0, last = 0;
    for (String line : lines) {
      if (!line.contains("Pause") && !line.contains("GC(")) {
        continue;
      }
      Matcher m = HEAP.matcher(line);
      long b = -1, a = -1, c = -1;
      while (m.find()) { // the last match on the line is the heap (earlier ones may be regions)
        b = bytes(m.group(1), m.group(2));
        a = bytes(m.group(3), m.group(4));
        c = bytes(m.group(5), m.group(6));
      }
      if (b >= 0) {
        n++;
        before = Math.max(before, b);
        after = Math.max(after, a);
        committed = Math.max(committed, c);
        last = a;
      }
    }
    return new Heap(n, before, after, committed, last);
  }

  private static long bytes(String number, String unit) {
    long n = Long.parseLong(number);
    return switch (unit) {
      case "K" -> n << 10;
      case "M" -> n << 20;
      default -> n << 30;
    };
  }
}
