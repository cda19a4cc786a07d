package org.newswatch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.newswatch.index.indexing.ArticleFields;
import org.newswatch.index.indexing.ArticleIndexer;

/**
 * A search index of {@code n} copies of another, for the bench's five-million-article figures:
 * {@code java -cp newswatch-bench.jar org.newswatch.bench.IndexCopies SOURCE N TARGET}, then {@code
 * --search-docs N×size --search-index TARGET}. Building five million articles one by one takes most
 * of an hour; copies take minutes, need no analysis, and have the term statistics of the source
 * times {@code n}, as a generated index of that size would. The segments are copied as they are (no
 * merge), and the source's commit data goes with them, so the copy is searched as the source is
 * (index sort, body offsets and common-word pairs alike).
 */
public final class IndexCopies {
  private IndexCopies() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 3) {
      System.err.println("usage: IndexCopies SOURCE N TARGET");
      System.exit(2);
    }
    long start = System.nanoTime();
    int docs = copy(Path.of(args[0]), Integer.parseInt(args[1]), Path.of(args[2]));
    System.out.printf(
        Locale.ROOT,
        "%,d articles in %s (%.0f s)%n",
        docs,
        args[2],
        (System.nanoTime() - start) / 1e9);
  }

  /** Writes {@code n} copies of the index in {@code source} to the new folder {@code target}. */
  static int copy(Path source, int n, Path target) throws IOException {
    if (n < 1) {
      throw new IllegalArgumentException("N must be at least 1, was " + n);
    }
    if (Files.exists(target) && Files.list(target).findAny().isPresent()) {
      throw new IllegalArgumentException(target + " is not empty");
    }
    try (Directory from = FSDirectory.open(source);
        Directory to = FSDirectory.open(target)) {
      var userData = SegmentInfos.readLatestCommit(from).getUserData();
      IndexWriterConfig config =
          new IndexWriterConfig(ArticleFields.analyzer())
              .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
              .setMergePolicy(NoMergePolicy.INSTANCE);
      if (ArticleIndexer.sortable(from)) {
        config.setIndexSort(ArticleFields.NEWEST_FIRST);
      }
      try (IndexWriter writer = new IndexWriter(to, config)) {
        for (int i = 0; i < n; i++) {
          writer.addIndexes(from);
        }
        writer.setLiveCommitData(userData.entrySet());
        writer.commit();
      }
      try (DirectoryReader reader = DirectoryReader.open(to)) {
        return reader.numDocs();
      }
    }
  }
}
