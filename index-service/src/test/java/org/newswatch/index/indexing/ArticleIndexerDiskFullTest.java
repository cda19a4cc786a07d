package org.newswatch.index.indexing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newswatch.common.model.Article;
import org.newswatch.index.testing.DiskBudget;
import org.newswatch.index.testing.TestArticles;

/** The indexer on a disk that fills up: each kind of failed write, and the way back from it. */
class ArticleIndexerDiskFullTest {
  static final String P0 = "news.articles/0";

  static ArticleBatch batch(int from, int to) {
    List<Article> articles = IntStream.range(from, to).mapToObj(TestArticles::numbered).toList();
    return new ArticleBatch(articles, List.of(), Map.of(P0, (long) to));
  }

  @Test
  void aCommitThatFailsLeavesTheLastCommitWithItsPositions(@TempDir Path dir) throws IOException {
    DiskBudget disk = new DiskBudget();
    try (ArticleIndexer indexer = ArticleIndexer.open(dir, disk::wrap)) {
      indexer.apply(batch(0, 10));
      indexer.commit();
      indexer.apply(batch(10, 20));
      indexer.refresh(); // the new segment is written while there is room
      disk.limitTo(0);

      assertThrows(IndexWriteException.class, indexer::commit);
      assertEquals(Map.of(P0, 10L), indexer.committedPositions());
      assertEquals(Map.of(P0, 10L), positionsOnDisk(dir));
      assertEquals(10, docsOnDisk(dir));

      indexer.discardUncommitted();
      disk.unlimited();
      indexer.checkSpace();
      indexer.reopen();
      assertEquals(Map.of(P0, 10L), indexer.committedPositions());
      assertEquals(
          10, indexer.count(), "searches show the last commit once the writer is reopened");
      // Read again from the stored position: the same articles, each once.
      indexer.apply(batch(10, 20));
      indexer.commit();
      indexer.refresh();
      assertEquals(20, indexer.count());
      assertEquals(Map.of(P0, 20L), positionsOnDisk(dir));
    }
  }

  @Test
  void searchesKeepTheirViewWhileTheWriterIsDown(@TempDir Path dir) {
    DiskBudget disk = new DiskBudget();
    try (ArticleIndexer indexer = ArticleIndexer.open(dir, disk::wrap)) {
      indexer.apply(batch(0, 10));
      indexer.commit();
      indexer.apply(batch(10, 20));
      indexer.refresh(); // searchable, not yet committed
      disk.limitTo(0);

      assertThrows(IndexWriteException.class, () -> indexer.apply(batch(20, 30)));
      indexer.discardUncommitted();

      assertTrue(indexer.isOpen(), "the index still serves searches");
      assertEquals(20, indexer.count(), "the last view, uncommitted articles included");
      assertEquals(
          "Report number 13", indexer.find(TestArticles.numbered(13).id()).orElseThrow().title());
      assertThrows(IndexWriteException.class, indexer::checkSpace, "no room yet");

      disk.unlimited();
      indexer.checkSpace();
      indexer.reopen();
      assertEquals(10, indexer.count(), "the last commit: the rest is read again from Kafka");
    }
  }

  @Test
  void aWriterLuceneClosedAfterTheFailureIsReopenedFromTheLastCommit(@TempDir Path dir) {
    DiskBudget disk = new DiskBudget();
    try (ArticleIndexer indexer = ArticleIndexer.open(dir, disk::wrap)) {
      indexer.apply(batch(0, 10));
      indexer.commit();
      disk.limitTo(0);
      // Stored fields are streamed to disk while documents are added: a big batch fails in apply,
      // and Lucene treats that as a tragedy and closes its writer.
      IndexWriteException first =
          assertThrows(IndexWriteException.class, () -> indexer.apply(batch(10, 5_000)));
      assertEquals("No space left on device", rootCause(first).getMessage());
      IndexWriteException next =
          assertThrows(
              IndexWriteException.class,
              () -> indexer.apply(batch(10, 20)),
              "a closed writer is reported as the same write failure, not as a bug");
      assertEquals(
          "indexing failed: the index writer stopped after No space left on device",
          next.getMessage());

      disk.unlimited();
      indexer.discardUncommitted();
      indexer.reopen();
      assertEquals(Map.of(P0, 10L), indexer.committedPositions());
      indexer.apply(batch(10, 5_000));
      indexer.commit();
      indexer.refresh();
      assertEquals(5_000, indexer.count());
    }
  }

  @Test
  void tellsAFullDiskFromOtherWriteFailures() {
    var full =
        IndexOutage.of(
            new IndexWriteException(
                "index commit failed",
                new java.nio.file.FileSystemException(
                    "/data/index/_3.cfs", null, "No space left on device")),
            java.time.Instant.EPOCH,
            java.time.Duration.ofSeconds(10));
    assertEquals(IndexOutage.DISK_FULL, full.kind());
    assertEquals(
        "indexing paused: the index folder is out of space (No space left on device); retrying every 10 s",
        full.describe());
    var quota =
        IndexOutage.of(
            new IOException("Disk quota exceeded"),
            java.time.Instant.EPOCH,
            java.time.Duration.ofMillis(500));
    assertEquals(IndexOutage.DISK_FULL, quota.kind());
    var other =
        IndexOutage.of(
            new IndexWriteException("indexing failed", new IOException("Input/output error")),
            java.time.Instant.EPOCH,
            java.time.Duration.ofSeconds(10));
    assertEquals(IndexOutage.INDEX_IO, other.kind());
    assertEquals(
        "indexing paused: writing the index failed (Input/output error); retrying every 10 s",
        other.describe());
    assertFalse(other.describe().contains("out of space"));
  }

  static Throwable rootCause(Throwable t) {
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  static Map<String, Long> positionsOnDisk(Path dir) throws IOException {
    try (FSDirectory d = FSDirectory.open(dir)) {
      return ArticleIndexer.positionsIn(SegmentInfos.readLatestCommit(d).getUserData());
    }
  }

  static int docsOnDisk(Path dir) throws IOException {
    try (FSDirectory d = FSDirectory.open(dir);
        DirectoryReader reader = DirectoryReader.open(d)) {
      return reader.numDocs();
    }
  }
}
