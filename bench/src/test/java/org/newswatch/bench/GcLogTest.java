package org.newswatch.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class GcLogTest {
  @Test
  void peakBeforeAndAfterCollectionsFromUnifiedGcLines() {
    GcLog.Heap h =
        GcLog.parse(
            List.of(
                "[0.012s] Using G1",
                "[1.234s] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 24M->6M(256M) 3.456ms",
                "[5.001s] GC(1) Pause Young (Concurrent Start) (G1 Humongous Allocation) 310M->120M(512M) 12.1ms",
                "[5.100s] GC(2) Concurrent Mark Cycle 40.2ms",
                "[9.000s] GC(3) Pause Full (System.gc()) 1G->90M(600M) 80.0ms",
                "[9.500s] GC(4) Pause Young (Normal) (G1 Evacuation Pause) 200M->95M(600M) 4.0ms"));
    assertEquals(4, h.collections());
    assertEquals(1L << 30, h.maxBefore());
    assertEquals(120L << 20, h.maxAfter());
    assertEquals(600L << 20, h.maxCommitted());
    assertEquals(95L << 20, h.lastAfter());
  }

  @Test
  void aLogWithoutCollectionsSaysSo() {
    assertEquals(0, GcLog.parse(List.of("[0.012s] Using G1", "")).collections());
  }
}
