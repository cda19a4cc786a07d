package org.newswatch.ingest.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.newswatch.common.net.AddressGuard;
import org.newswatch.common.web.StaticHttpServer;

class HostGateTest {

  @Test
  void keepsAGapBetweenRequestStartsToOneHost() throws Exception {
    HostGate gate = new HostGate(4, Duration.ofMillis(100));
    long[] starts = new long[3];
    for (int i = 0; i < 3; i++) {
      gate.acquire("example.org");
      starts[i] = System.nanoTime();
      gate.release("example.org");
    }
    // A lower bound only: the gate can make requests later, never earlier.
    assertTrue(starts[1] - starts[0] >= 100_000_000L);
    assertTrue(starts[2] - starts[1] >= 100_000_000L);
  }

  @Test
  void otherHostsDoNotWait() throws Exception {
    HostGate gate = new HostGate(1, Duration.ofHours(1));
    gate.acquire("a.example");
    gate.acquire("b.example"); // would block for an hour if hosts shared the gate
    gate.release("a.example");
    gate.release("b.example");
  }

  @Test
  void aPollerWithManyWorkersNeverHasMoreThanTheLimitInFlightToOneHost() throws Exception {
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger maxSeen = new AtomicInteger();
    CountDownLatch entered = new CountDownLatch(2);
    try (StaticHttpServer server = StaticHttpServer.start(0)) {
      server.handle(
          "/page",
          ex -> {
            int now = inFlight.incrementAndGet();
            maxSeen.accumulateAndGet(now, Math::max);
            entered.countDown();
            try {
              // Hold the first two requests until both are in, so overlap is certain, not lucky.
              entered.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            inFlight.decrementAndGet();
            ex.sendResponseHeaders(200, -1);
            ex.close();
          });
      HttpFetcher fetcher =
          new HttpFetcher(
              new AddressGuard(true),
              FetchLimits.DEFAULT,
              "https://example.org/c",
              new HostGate(2, Duration.ZERO));
      ExecutorService pool = Executors.newFixedThreadPool(8);
      List<Future<FetchResult>> results = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        results.add(
            pool.submit(
                () -> fetcher.fetch(URI.create(server.url("/page")), Validators.NONE, "*/*")));
      }
      for (Future<FetchResult> r : results) {
        assertEquals(200, r.get().status());
      }
      pool.shutdown();
      fetcher.close();
    }
    assertEquals(2, maxSeen.get());
  }

  @Test
  void manyWorkersOnOneHostNeverDeadlockWhenItsEntryIsDropped() throws Exception {
    // Every release that empties the host drops its entry; waiters must not keep counting on it.
    HostGate gate = new HostGate(2, Duration.ZERO);
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger maxSeen = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < 16; t++) {
      Thread worker =
          new Thread(
              () -> {
                try {
                  for (int i = 0; i < 2_000; i++) {
                    gate.acquire("one.example");
                    maxSeen.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                    inFlight.decrementAndGet();
                    gate.release("one.example");
                  }
                  done.incrementAndGet();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              });
      worker.setDaemon(true);
      workers.add(worker);
      worker.start();
    }
    // A bound on a hang, not a speed: the work takes milliseconds.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    for (Thread worker : workers) {
      worker.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
    }
    assertEquals(16, done.get(), "every worker finished (none stuck waiting on a dropped entry)");
    assertTrue(maxSeen.get() <= 2, "at most 2 in flight, saw " + maxSeen.get());
  }
}
