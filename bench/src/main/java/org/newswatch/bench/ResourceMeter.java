package org.newswatch.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Measures this JVM while the bench runs: its CPU time (all threads, GC and JIT included, from
 * {@link com.sun.management.OperatingSystemMXBean#getProcessCpuTime}), the CPU time of the
 * ingest-service's polling threads (from {@link ThreadMXBean}, by thread name), and the used heap,
 * sampled every {@value #SAMPLE_MS} ms on a thread of its own, whose highest value is the peak.
 *
 * <p>Thread CPU is read at each sample and kept per thread, so a pooled thread that ends between
 * two marks still counts up to its last sample.
 */
final class ResourceMeter implements AutoCloseable {
  static final long SAMPLE_MS = 50;

  /**
   * The threads that poll: the scheduler, its workers, and the fetcher's HTTP client (selector and
   * workers).
   */
  static final List<String> POLLING_THREADS =
      List.of("feed-poller-", "feed-scheduler", "HttpClient-");

  /** A reading: process CPU and polling-thread CPU, in nanoseconds. */
  record Mark(long processCpuNanos, long pollingCpuNanos) {}

  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final Map<Long, Boolean> polling = new HashMap<>();
  private final Map<Long, Long> pollingCpu = new HashMap<>();
  private final Thread sampler;
  private volatile boolean running = true;
  private long peakHeap;

  ResourceMeter() {
    if (!threads.isThreadCpuTimeSupported()) {
      throw new IllegalStateException("this JVM cannot measure thread CPU time");
    }
    threads.setThreadCpuTimeEnabled(true);
    sampler = new Thread(this::sampleLoop, "bench-resource-meter");
    sampler.setDaemon(true);
    sample();
    sampler.start();
  }

  private void sampleLoop() {
    while (running) {
      sample();
      try {
        Thread.sleep(SAMPLE_MS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private synchronized void sample() {
    long used = memory.getHeapMemoryUsage().getUsed();
    peakHeap = Math.max(peakHeap, used);
    for (long id : threads.getAllThreadIds()) {
      Boolean isPolling = polling.get(id);
      if (isPolling == null) {
        ThreadInfo info = threads.getThreadInfo(id, 0);
        isPolling =
            info != null && POLLING_THREADS.stream().anyMatch(info.getThreadName()::startsWith);
        polling.put(id, isPolling);
      }
      if (isPolling) {
        long cpu = threads.getThreadCpuTime(id);
        if (cpu >= 0) {
          pollingCpu.put(id, cpu);
        }
      }
    }
  }

  /** Reads now. */
  synchronized Mark mark() {
    sample();
    long pollingTotal = pollingCpu.values().stream().mapToLong(Long::longValue).sum();
    return new Mark(os.getProcessCpuTime(), pollingTotal);
  }

  /** The highest used heap sampled since this meter started. */
  synchronized long peakHeap() {
    return peakHeap;
  }

  /** Heap in use after a full collection: what the running service and broker hold. */
  long liveHeapAfterGc() {
    System.gc();
    return memory.getHeapMemoryUsage().getUsed();
  }

  long maxHeap() {
    return memory.getHeapMemoryUsage().getMax();
  }

  /** The process's peak resident set size (VmHWM of /proc/self/status), or -1 off Linux. */
  static long peakRssBytes() {
    try {
      for (String line :
          Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.US_ASCII)) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("\\D+", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1; // not Linux, or a format this does not know: the row says "not measured"
    }
    return -1;
  }

  @Override
  public void close() {
    running = false;
    sampler.interrupt();
    try {
      sampler.join(1_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
