package org.newswatch.common.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ClosingOrderTest {
  private final List<String> closed = new ArrayList<>();
  private final List<String> failures = new ArrayList<>();
  private final ClosingOrder parts =
      new ClosingOrder((part, e) -> failures.add(part + ": " + e.getMessage()));

  /** A part that notes its closing, and fails to close when {@code failing}. */
  private AutoCloseable part(String name, boolean failing) {
    return new AutoCloseable() {
      @Override
      public void close() {
        closed.add(name);
        if (failing) {
          throw new IllegalStateException("stuck");
        }
      }

      @Override
      public String toString() {
        return name;
      }
    };
  }

  private AutoCloseable part(String name) {
    return part(name, false);
  }

  @Test
  void closesInTheOrderGiven() {
    AutoCloseable reader = parts.add(part("reader"));
    parts.add(part("producer"));
    parts.addFirst(part("http"));
    parts.addAfter(reader, part("loop"));

    parts.close();

    assertEquals(List.of("http", "reader", "loop", "producer"), closed);
    assertEquals(List.of(), failures);
  }

  @Test
  void aPartThatFailsToCloseIsReportedAndTheRestAreStillClosed() {
    parts.add(part("http"));
    parts.add(part("reader", true));
    parts.add(part("producer"));

    parts.close();

    assertEquals(List.of("http", "reader", "producer"), closed);
    assertEquals(List.of("reader: stuck"), failures);
  }

  @Test
  void aFailedStartClosesWhatItHadOpenedAndNothingElse() {
    // Given a start that opens two parts, then fails on the third
    RuntimeException failure =
        assertThrows(
            IllegalStateException.class,
            () -> {
              try {
                parts.add(part("meters"));
                parts.addFirst(part("index"));
                throw new IllegalStateException("port taken");
              } catch (RuntimeException e) {
                parts.close();
                throw e;
              }
            });

    assertEquals("port taken", failure.getMessage());
    assertEquals(List.of("index", "meters"), closed);
  }

  @Test
  void closesOnlyOnce() {
    parts.add(part("reader"));
    parts.close();
    parts.close();
    assertEquals(List.of("reader"), closed);
  }

  @Test
  void aSecondCloseWhileTheFirstIsClosingReturnsOnlyWhenTheFirstIsDone() throws Exception {
    // Given a part whose close waits until released (a consumer committing, say)
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    parts.add(
        () -> {
          entered.countDown();
          release.await();
          closed.add("consumer");
        });
    Thread first = Thread.ofPlatform().start(parts::close);
    entered.await();

    // When a second close (the shutdown hook, say) comes meanwhile
    AtomicBoolean doneWhenSecondReturned = new AtomicBoolean();
    Thread second =
        Thread.ofPlatform()
            .start(
                () -> {
                  parts.close();
                  doneWhenSecondReturned.set(closed.contains("consumer"));
                });
    while (second.getState() != Thread.State.BLOCKED
        && second.getState() != Thread.State.TERMINATED) {
      Thread.onSpinWait();
    }
    release.countDown();
    first.join();
    second.join();

    // Then it returned after the part was closed, and nothing was closed twice
    assertTrue(doneWhenSecondReturned.get());
    assertEquals(List.of("consumer"), closed);
  }

  @Test
  void returnsThePartAndRefusesToPlaceOneAfterAnUnknownPart() {
    AutoCloseable reader = part("reader");
    assertSame(reader, parts.add(reader));
    assertThrows(IllegalArgumentException.class, () -> parts.addAfter(part("other"), part("x")));
  }
}
