package org.newswatch.common.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.newswatch.common.Hashes;
import org.newswatch.common.kafka.TopicTable;
import org.newswatch.common.kafka.Topics;
import org.newswatch.common.model.Analyst;

class AnalystKeysTest {
  private static final String ADMIN = "admin-key-0123456789abcdef";

  /** Never started: the tests hand changes to the keys the way the table's thread does. */
  private final TopicTable<Analyst> table =
      new TopicTable<>("127.0.0.1:1", new Topics("keys-test.").analysts(), "keys-test");

  private static Analyst analyst(String key, boolean revoked) {
    return new Analyst(1, "an-1", "Ann", Hashes.sha256Hex(key), revoked, Instant.EPOCH);
  }

  @Test
  void aKeyKeepsWorkingWhileTheTableReadsItsRecordAgain() throws Exception {
    AnalystKeys keys = new AnalystKeys(ADMIN, table);
    Analyst ann = analyst("ann-key", false);
    keys.remember(ann); // as the service that issued the key does
    AtomicBoolean reading = new AtomicBoolean(true);
    AtomicLong refused = new AtomicLong();
    // The table's thread reads the same record (its own write, a restart's replay) while requests
    // with the key arrive: before, each re-read dropped the key for an instant (a 401 flake).
    Thread requests =
        Thread.ofPlatform()
            .start(
                () -> {
                  while (reading.get()) {
                    if (keys.check("ann-key").isEmpty()) {
                      refused.incrementAndGet();
                    }
                  }
                });
    for (int i = 0; i < 300_000; i++) {
      keys.changed("an-1", ann);
    }
    reading.set(false);
    requests.join();
    assertEquals(0, refused.get(), "checks of a valid key refused while its record was re-read");
  }

  @Test
  void aNewKeyEndsTheOldOneAndRevokingEndsBoth() {
    AnalystKeys keys = new AnalystKeys(ADMIN, table);
    keys.remember(analyst("old-key", false));
    keys.remember(analyst("new-key", false)); // reissued: the old key stops at once
    assertEquals(Optional.empty(), keys.check("old-key"));
    assertEquals(Optional.of(new Principal("an-1", "Ann", false)), keys.check("new-key"));

    keys.changed("an-1", analyst("new-key", true));
    assertEquals(Optional.empty(), keys.check("new-key"));
    keys.changed("an-1", analyst("other-key", false));
    keys.changed("an-1", null); // removed from the topic
    assertEquals(Optional.empty(), keys.check("other-key"));
    assertEquals(Optional.of(Principal.ADMIN), keys.check(ADMIN));
  }
}
