package org.newswatch.alert.deliver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PendingOffsetsTest {
  @Test
  void commitsOnlyUpToTheLowestUnfinishedRecordWhenDeliveriesFinishOutOfOrder() {
    PendingOffsets p = new PendingOffsets();
    PendingOffsets.Ticket slow = p.add(0, 10);
    PendingOffsets.Ticket fast1 = p.add(0, 11);
    PendingOffsets.Ticket fast2 = p.add(0, 12);
    p.finish(fast1);
    p.finish(fast2);
    // 11 and 12 are done, 10 is not: committing past 10 would lose it at a restart.
    assertEquals(Map.of(0, 10L), p.committable());
    p.committed(Map.of(0, 10L));
    assertEquals(Map.of(), p.committable(), "nothing moved since the last commit");
    p.finish(slow);
    assertEquals(Map.of(0, 13L), p.committable());
    assertEquals(0, p.unfinished());
  }

  @Test
  void partitionsAreIndependent() {
    PendingOffsets p = new PendingOffsets();
    p.add(0, 5);
    PendingOffsets.Ticket other = p.add(1, 7);
    p.finish(other);
    assertEquals(Map.of(0, 5L, 1, 8L), p.committable());
    assertEquals(1, p.unfinished());
  }

  @Test
  void aForgottenPartitionNoLongerCountsAndItsLateFinishesChangeNothing() {
    PendingOffsets p = new PendingOffsets();
    PendingOffsets.Ticket revoked = p.add(3, 1);
    p.add(4, 1);
    p.forget(List.of(3));
    assertEquals(1, p.unfinished());
    p.finish(revoked);
    p.finish(revoked);
    assertEquals(1, p.unfinished());
    assertEquals(Map.of(4, 1L), p.committable());
    // Assigned again later: counted afresh from what is read then.
    p.add(3, 1);
    assertEquals(2, p.unfinished());
  }
}
