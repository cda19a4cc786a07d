package org.newswatch.bench;

import java.lang.management.ManagementFactory;

/** Heap in use, measured after a full collection so that garbage does not count. */
final class Memory {
  private Memory() {}

  static long heapUsedAfterGc() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** CPU time of the whole process so far, every thread (GC and JIT included), in nanoseconds. */
  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  static String mb(long bytes) {
    return String.format(java.util.Locale.ROOT, "%.0f MB", bytes / 1048576.0);
  }
}
