package org.newswatch.common.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
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
  void returnsThePartAndRefusesToPlaceOneAfterAnUnknownPart() {
    AutoCloseable reader = part("reader");
    assertSame(reader, parts.add(reader));
    assertThrows(IllegalArgumentException.class, () -> parts.addAfter(part("other"), part("x")));
  }
}
