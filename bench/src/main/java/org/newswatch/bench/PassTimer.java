package org.newswatch.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Times several pieces of work over a page set on the calling thread, by the wall clock and by the
 * thread's own CPU time. Each page goes to every piece of work in turn (who goes first rotates from
 * page to page), so that all of them run on the same pages under the same load from other processes
 * and their ratio compares like with like; rounds end on whole passes over the set. Reading the two
 * clocks around each call costs about half a microsecond, 1 % of the quickest call timed here
 * (jsoup's parse of a 4 KB page).
 */
final class PassTimer {
  /**
   * Work on one page; returns a number derived from the result, so that the JIT cannot drop the
   * work.
   */
  interface Work {
    long apply(BenchPage page);
  }

  /** One timed round: pages and bytes processed, wall-clock and thread CPU nanoseconds. */
  record Round(long pages, long bytes, long wallNanos, long cpuNanos) {
    double pagesPerSecond() {
      return pages * 1e9 / wallNanos;
    }

    double mbPerSecond() {
      return bytes / 1048576.0 * 1e9 / wallNanos;
    }

    double cpuPagesPerSecond() {
      return pages * 1e9 / cpuNanos;
    }

    double cpuMbPerSecond() {
      return bytes / 1048576.0 * 1e9 / cpuNanos;
    }
  }

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /** Written once a round: a volatile write the JIT must keep, so every result is used. */
  private static volatile long sink;

  private PassTimer() {}

  /**
   * Passes over {@code pages} until the works together have taken at least {@code minNanos} of wall
   * clock; returns one round per work, in the order of {@code works}.
   */
  static List<Round> round(List<BenchPage> pages, List<Work> works, long minNanos) {
    int n = works.size();
    long[] wall = new long[n];
    long[] cpu = new long[n];
    long checksum = 0;
    long count = 0;
    long bytes = 0;
    int turn = 0;
    long start = System.nanoTime();
    do {
      for (BenchPage p : pages) {
        for (int k = 0; k < n; k++) {
          int w = (turn + k) % n;
          long c0 = THREADS.getCurrentThreadCpuTime();
          long t0 = System.nanoTime();
          checksum += works.get(w).apply(p);
          long t1 = System.nanoTime();
          long c1 = THREADS.getCurrentThreadCpuTime();
          wall[w] += t1 - t0;
          cpu[w] += c1 - c0;
        }
        turn++;
        bytes += p.bytes().length;
      }
      count += pages.size();
    } while (System.nanoTime() - start < minNanos);
    sink += checksum;
    List<Round> rounds = new ArrayList<>();
    for (int w = 0; w < n; w++) {
      // A thread CPU clock that is unsupported reads -1 throughout; fall back to the wall clock.
      rounds.add(
          new Round(
              count, bytes, Math.max(1, wall[w]), cpu[w] > 0 ? cpu[w] : Math.max(1, wall[w])));
    }
    return rounds;
  }

  /** The median round by wall-clock rate (the lower middle one for an even count). */
  static Round median(List<Round> rounds) {
    List<Round> sorted =
        rounds.stream().sorted(Comparator.comparingDouble(Round::pagesPerSecond)).toList();
    return sorted.get((sorted.size() - 1) / 2);
  }

  /** The fastest round by wall clock. */
  static Round best(List<Round> rounds) {
    return rounds.stream().max(Comparator.comparingDouble(Round::pagesPerSecond)).orElseThrow();
  }

  /** The median of the rounds' thread-CPU rates, ranked on their own. */
  static double medianCpuPagesPerSecond(List<Round> rounds) {
    List<Double> rates = rounds.stream().map(Round::cpuPagesPerSecond).sorted().toList();
    return rates.get((rates.size() - 1) / 2);
  }

  /** The median, over rounds, of the ratio of two works' rates in the same round. */
  static double medianRatio(List<Round> numerator, List<Round> denominator, boolean cpu) {
    List<Double> ratios = new ArrayList<>();
    for (int i = 0; i < numerator.size(); i++) {
      Round a = numerator.get(i);
      Round b = denominator.get(i);
      ratios.add(
          cpu
              ? a.cpuPagesPerSecond() / b.cpuPagesPerSecond()
              : a.pagesPerSecond() / b.pagesPerSecond());
    }
    ratios.sort(null);
    return ratios.get((ratios.size() - 1) / 2);
  }

  static double medianCpuMbPerSecond(List<Round> rounds) {
    List<Double> rates = rounds.stream().map(Round::cpuMbPerSecond).sorted().toList();
    return rates.get((rates.size() - 1) / 2);
  }
}
