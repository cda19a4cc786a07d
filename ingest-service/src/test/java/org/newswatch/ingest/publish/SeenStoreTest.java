package org.newswatch.ingest.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeenStoreTest {
  @TempDir Path dir;

  @Test
  void replaysWhatWasRecordedLastLineWinning() {
    try (SeenStore store = SeenStore.open(dir)) {
      store.record(new SeenStore.Seen("item1", "art1", "fp1", "hash1", "story1"));
      store.record(new SeenStore.Seen("item1", "art1", "fp2", "hash2", "story1"));
      store.record(new SeenStore.Seen("item2", "art2", "fp", "hash", null));
      store.sync();
    }
    try (SeenStore store = SeenStore.open(dir)) {
      assertEquals(2, store.size());
      assertEquals("fp2", store.byItem("item1").orElseThrow().fingerprint());
      assertEquals(Optional.of("hash2"), store.publishedHash("art1"));
      assertEquals(Optional.of("story1"), store.storyOf("art1"));
      assertEquals(Optional.empty(), store.storyOf("art2"));
    }
  }

  @Test
  void skipsATornLastLineAndReadsOldFourColumnLines() throws Exception {
    Files.writeString(dir.resolve(SeenStore.FILE), "old\tartOld\tfp\th\nitem\tart\tfp\th\tstory\nitem2\tar",
        StandardCharsets.UTF_8, StandardOpenOption.CREATE);
    try (SeenStore store = SeenStore.open(dir)) {
      assertEquals(2, store.size());
      assertTrue(store.byItem("old").isPresent());
      assertTrue(store.byItem("item2").isEmpty(), "the torn line is not taken");
    }
  }

  @Test
  void compactsAtOpenWhenMostLinesAreStale() throws Exception {
    try (SeenStore store = SeenStore.open(dir)) {
      for (int i = 0; i < 3000; i++) {
        store.record(new SeenStore.Seen("item", "art", "fp" + i, "h" + i, "s"));
      }
    }
    try (SeenStore store = SeenStore.open(dir)) {
      assertEquals("fp2999", store.byItem("item").orElseThrow().fingerprint());
    }
    assertEquals(1, Files.readAllLines(dir.resolve(SeenStore.FILE)).size());
  }
}
