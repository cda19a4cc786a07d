package org.newswatch.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PassTimerTest {
  private static final List<BenchPage> PAGES =
      List.of(
          new BenchPage("a", new byte[100], "text/html", "https://x/a", null),
          new BenchPage("b", new byte[300], "text/html", "https://x/b", null));

  @Test
  void everyWorkSeesEveryPageOfAWholePass() {
    List<String> seenByFirst = new ArrayList<>();
    List<String> seenBySecond = new ArrayList<>();

    List<PassTimer.Round> rounds =
        PassTimer.round(
            PAGES,
            List.of(
                p -> {
                  seenByFirst.add(p.name());
                  return 1;
                },
                p -> {
                  seenBySecond.add(p.name());
                  return 2;
                }),
            0);

    assertEquals(List.of("a", "b"), seenByFirst);
    assertEquals(List.of("a", "b"), seenBySecond);
    assertEquals(2, rounds.size());
    for (PassTimer.Round r : rounds) {
      assertEquals(2, r.pages());
      assertEquals(400, r.bytes());
    }
  }

  @Test
  void medianBestAndRatioOfRounds() {
    // 10 pages of 1 MB in 1, 2 and 4 s of wall clock, twice that of CPU.
    List<PassTimer.Round> slow = List.of(round(4), round(1), round(2));
    List<PassTimer.Round> fast = List.of(round(1), round(1), round(1));

    assertEquals(5.0, PassTimer.median(slow).pagesPerSecond(), 1e-9);
    assertEquals(10.0, PassTimer.best(slow).pagesPerSecond(), 1e-9);
    assertEquals(5.0, PassTimer.median(slow).mbPerSecond(), 1e-9);
    assertEquals(2.5, PassTimer.medianCpuPagesPerSecond(slow), 1e-9);
    // Ratios per round: 1/4, 1, 1/2; their median is 1/2.
    assertEquals(0.5, PassTimer.medianRatio(slow, fast, false), 1e-9);
    assertEquals(0.5, PassTimer.medianRatio(slow, fast, true), 1e-9);
  }

  private static PassTimer.Round round(long seconds) {
    return new PassTimer.Round(
        10, 10L * 1048576, seconds * 1_000_000_000L, 2 * seconds * 1_000_000_000L);
  }
}
