package org.newswatch.index.indexing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentCommitInfo;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ReferenceManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.AlreadyClosedException;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexOutput;
import org.newswatch.common.model.Article;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Lucene index of articles on disk: owns its {@link IndexWriter}, upserts by article id, and
 * stores with every commit the Kafka positions the commit covers, so that after a restart (or a
 * crash) indexing resumes exactly where the durable index ends: nothing lost, nothing doubled.
 *
 * <p>A write that fails (a full disk) leaves the index on disk at its last commit. The writer is
 * then {@link #discardUncommitted() rolled back} and later {@link #reopen() reopened} from that
 * commit, with the positions it stored; searches meanwhile see what was visible before.
 *
 * <p>{@link #apply} and the other writing methods are called by one thread (the consumer loop);
 * {@link #searchers()} and {@link #find} may be used from any thread.
 */
public final class ArticleIndexer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ArticleIndexer.class);

  /** Prefix of the commit user-data keys that hold Kafka positions. */
  static final String POSITION_PREFIX = "kafka.position.";

  /**
   * Commit data of an index whose text fields hold {@link PhraseGrams}, with the version of their
   * list of common words: one made before them (or from another list) is written and searched
   * without (Lucene cannot add terms to documents already indexed; removing the folder rebuilds it
   * from news.articles with them).
   */
  static final String PHRASE_GRAMS = "newswatch.phrase-grams";

  /**
   * The file {@link #checkSpace()} writes and removes. Lucene's own files start with {@code _} or
   * {@code segments}, so its file deleter leaves this name alone.
   */
  static final String SPACE_PROBE = "newswatch-space-probe";

  /**
   * Room the probe asks for: a flush needs more, but a folder with not even this is surely full.
   */
  static final int SPACE_PROBE_BYTES = 1 << 20;

  private final Directory directory;

  /** {@link ArticleFields#toDocument}; tests pass one that yields a document Lucene refuses. */
  private final Function<Article, Document> schema;

  private final IndexSearchers searchers;

  /** The analysis this index was made with, for writing and for parsing searches of it. */
  private final ArticleAnalyzer analyzer;

  /** Replaced by {@link #reopen()}; written by the consumer thread only. */
  private volatile IndexWriter writer;

  /** Positions the next commit will record: the last committed ones, advanced by each batch. */
  private final Map<String, Long> positions;

  private volatile Map<String, Long> committedPositions;
  private final AtomicLong documentsIndexed = new AtomicLong();
  private final AtomicLong lastCommitNanos = new AtomicLong();
  private volatile long uncommitted;
  private volatile boolean closed;

  private ArticleIndexer(
      Directory directory,
      ArticleAnalyzer analyzer,
      IndexWriter writer,
      Map<String, Long> committed,
      Function<Article, Document> schema)
      throws IOException {
    this.directory = directory;
    this.analyzer = analyzer;
    this.schema = schema;
    this.writer = writer;
    this.committedPositions = Map.copyOf(committed);
    this.positions = new HashMap<>(committed);
    // Near-real-time: searchers opened from the writer see documents before they are committed.
    this.searchers = new IndexSearchers(writer);
  }

  /** Opens (or creates) the index in {@code dir}. */
  public static ArticleIndexer open(Path dir) {
    return open(dir, UnaryOperator.identity());
  }

  /**
   * Opens (or creates) the index in {@code dir}, through {@code wrap} applied to the folder's
   * Lucene directory: the service passes the identity; tests pass a directory that injects faults
   * (a disk that fills up).
   */
  public static ArticleIndexer open(Path dir, UnaryOperator<Directory> wrap) {
    return open(dir, wrap, null);
  }

  /**
   * As above, with the schema given (tests make documents Lucene refuses whatever the schema
   * bounds), or null for {@link ArticleFields#toDocument}, with the body's offsets when the index
   * keeps them.
   */
  static ArticleIndexer open(
      Path dir, UnaryOperator<Directory> wrap, Function<Article, Document> schema) {
    Directory directory = null;
    try {
      directory = wrap.apply(FSDirectory.open(dir));
      Function<Article, Document> documents = schema != null ? schema : schemaOf(directory, dir);
      ArticleAnalyzer analyzer = analyzerOf(directory, dir);
      return new ArticleIndexer(
          directory,
          analyzer,
          openWriter(directory, analyzer),
          readCommittedPositions(directory),
          documents);
    } catch (IOException e) {
      closeQuietly(directory, e);
      throw new UncheckedIOException("cannot open the index in " + dir, e);
    }
  }

  /** The article schema the index in {@code directory} can take: body offsets if it has them. */
  private static Function<Article, Document> schemaOf(Directory directory, Path dir)
      throws IOException {
    boolean offsets = true;
    if (DirectoryReader.indexExists(directory)) {
      try (DirectoryReader reader = DirectoryReader.open(directory)) {
        offsets = ArticleFields.bodyHasOffsets(FieldInfos.getMergedFieldInfos(reader));
      }
    }
    if (!offsets) {
      // Lucene refuses to change a field's options within an index: it stays as it is.
      LOG.info(
          "the index in {} was made before the body kept offsets: snippets analyse each hit again (slower); removing the folder rebuilds it from news.articles",
          dir);
    }
    boolean bodyOffsets = offsets;
    return a -> ArticleFields.toDocument(a, bodyOffsets);
  }

  /** With {@link PhraseGrams} unless the index in {@code directory} was made without them. */
  private static ArticleAnalyzer analyzerOf(Directory directory, Path dir) throws IOException {
    boolean grams =
        !DirectoryReader.indexExists(directory)
            || PhraseGrams.VERSION.equals(
                SegmentInfos.readLatestCommit(directory).getUserData().get(PHRASE_GRAMS));
    if (!grams) {
      LOG.info(
          "the index in {} was made before common-word pairs (or with another list of common words): phrases with common words are slower; removing the folder rebuilds it from news.articles",
          dir);
    }
    return ArticleFields.analyzer(grams);
  }

  private static IndexWriter openWriter(Directory directory, ArticleAnalyzer analyzer)
      throws IOException {
    IndexWriterConfig config = new IndexWriterConfig(analyzer);
    config.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
    if (sortable(directory)) {
      config.setIndexSort(ArticleFields.NEWEST_FIRST);
    } else {
      // Lucene refuses to add a sort to segments written without one. Such an index (made before
      // the sort) stays unsorted and answers the same; only newest-first does not stop early.
      // Removing the folder rebuilds it sorted from news.articles (compacted, kept).
      LOG.info(
          "the index in {} was made without an index sort; searches work, newest-first is faster after a rebuild",
          directory);
    }
    // A larger buffer than the 16 MB default flushes fewer, larger segments while catching up.
    config.setRAMBufferSizeMB(64);
    return new IndexWriter(directory, config);
  }

  /**
   * True for a new index, or one whose every segment is already in {@link
   * ArticleFields#NEWEST_FIRST} order.
   */
  public static boolean sortable(Directory directory) throws IOException {
    if (!DirectoryReader.indexExists(directory)) {
      return true;
    }
    for (SegmentCommitInfo segment : SegmentInfos.readLatestCommit(directory)) {
      if (!ArticleFields.NEWEST_FIRST.equals(segment.info.getIndexSort())) {
        return false;
      }
    }
    return true;
  }

  /** The positions in the latest commit on disk: the truth to resume from. */
  private static Map<String, Long> readCommittedPositions(Directory directory) throws IOException {
    if (!DirectoryReader.indexExists(directory)) {
      return new HashMap<>();
    }
    return positionsIn(SegmentInfos.readLatestCommit(directory).getUserData());
  }

  /** The Kafka positions among a commit's user data, which also holds the index's markers. */
  static Map<String, Long> positionsIn(Map<String, String> userData) {
    Map<String, Long> positions = new HashMap<>();
    userData.forEach(
        (k, v) -> {
          if (k.startsWith(POSITION_PREFIX)) {
            positions.put(k.substring(POSITION_PREFIX.length()), Long.parseLong(v));
          }
        });
    return positions;
  }

  private static void closeQuietly(Directory directory, IOException failure) {
    if (directory != null) {
      try {
        directory.close();
      } catch (IOException e) {
        failure.addSuppressed(e);
      }
    }
  }

  /** The key of a partition in the commit user data. */
  public static String positionKey(String topic, int partition) {
    return topic + "/" + partition;
  }

  /**
   * The positions stored by the last commit (partition key → next offset): where to resume reading.
   */
  public Map<String, Long> committedPositions() {
    return committedPositions;
  }

  /**
   * An article Lucene would not index (a value it refuses, an analysis that threw): the rest of its
   * batch is indexed, and the caller dead-letters this one.
   *
   * @param position where it stood in the batch's upserts
   */
  public record Refused(int position, String id, RuntimeException cause) {}

  /**
   * Upserts and deletes the batch's articles and advances the positions; durable after {@link
   * #commit()}. An article that fails on its own is left out and returned; the writer goes on.
   */
  public List<Refused> apply(ArticleBatch batch) {
    IndexWriter writer = this.writer;
    List<Refused> refused = new ArrayList<>();
    try {
      List<Article> upserts = batch.upserts();
      for (int i = 0; i < upserts.size(); i++) {
        Article article = upserts.get(i);
        try {
          // Same id = same article: an update replaces it, a redelivery changes nothing.
          writer.updateDocument(idTerm(article.id()), schema.apply(article));
        } catch (IOException | AlreadyClosedException e) {
          throw e;
        } catch (RuntimeException e) {
          // Lucene marks a document that fails while it is inverted (a term over its limit, an
          // analyzer that threw) as deleted and goes on; the previous version, if any, stays. Only
          // a
          // failure that closed the writer (its tragedy) is everyone's problem.
          if (writer.getTragicException() != null) {
            throw IndexWriteException.afterTragedy("indexing failed", writer.getTragicException());
          }
          refused.add(new Refused(i, article.id(), e));
        }
      }
      for (String id : batch.deletes()) {
        writer.deleteDocuments(idTerm(id));
      }
      synchronized (positions) {
        positions.putAll(batch.positions());
      }
      int indexed = upserts.size() - refused.size();
      documentsIndexed.addAndGet(indexed);
      uncommitted += indexed + batch.deletes().size() + batch.positions().size();
      return refused;
    } catch (IOException e) {
      throw new IndexWriteException("indexing failed", e);
    } catch (IllegalStateException e) { // AlreadyClosedException is one
      throw failedAfterTragedy("indexing failed", writer, e);
    }
  }

  private static Term idTerm(String id) {
    return new Term(ArticleFields.ID, ArticleFields.term(id));
  }

  /**
   * A closed writer (Lucene closes it after a failure it cannot undo, its "tragedy") or one that
   * refuses to commit for that reason is a write failure; any other state error is a bug.
   */
  private static RuntimeException failedAfterTragedy(
      String what, IndexWriter writer, RuntimeException e) {
    Throwable tragedy = writer.getTragicException();
    return tragedy == null ? e : IndexWriteException.afterTragedy(what, tragedy);
  }

  /** True when something was applied since the last commit. */
  public boolean hasUncommitted() {
    return uncommitted > 0;
  }

  /** Makes everything applied so far durable, together with the positions it covers. */
  public void commit() {
    long start = System.nanoTime();
    IndexWriter writer = this.writer;
    try {
      Map<String, Long> covered;
      synchronized (positions) {
        covered = Map.copyOf(positions);
      }
      Map<String, String> userData = new TreeMap<>();
      covered.forEach((k, v) -> userData.put(POSITION_PREFIX + k, Long.toString(v)));
      if (analyzer.hasPhraseGrams(ArticleFields.BODY)) {
        userData.put(PHRASE_GRAMS, PhraseGrams.VERSION);
      }
      writer.setLiveCommitData(userData.entrySet());
      writer.commit();
      uncommitted = 0;
      committedPositions = covered;
    } catch (IOException e) {
      throw new IndexWriteException("index commit failed", e);
    } catch (IllegalStateException e) { // AlreadyClosedException is one
      throw failedAfterTragedy("index commit failed", writer, e);
    } finally {
      lastCommitNanos.set(System.nanoTime() - start);
    }
  }

  /** Lets searches see what was applied (near-real-time, whether or not committed). */
  public void refresh() {
    IndexWriter writer = this.writer;
    try {
      // Refreshing flushes the applied documents to new segment files: a write like any other.
      searchers.maybeRefresh();
    } catch (IOException e) {
      throw new IndexWriteException("index refresh failed", e);
    } catch (IllegalStateException e) { // AlreadyClosedException is one
      throw failedAfterTragedy("index refresh failed", writer, e);
    }
  }

  /**
   * Drops everything applied since the last commit and closes the writer, after a write failed.
   * Searches keep the last refreshed view until {@link #reopen()}.
   */
  public void discardUncommitted() {
    try {
      writer.rollback(); // a no-op when Lucene already closed the writer after a tragedy
    } catch (IOException e) {
      // Rolling back only deletes files this writer made; the last commit stays intact either way.
      throw new IndexWriteException("rolling back the index writer failed", e);
    } finally {
      uncommitted = 0;
    }
  }

  /**
   * Writes and removes a file of {@link #SPACE_PROBE_BYTES} in the index folder: fails while the
   * folder has no room, so a paused consumer does not resume only to fail at its first flush.
   */
  public void checkSpace() {
    try {
      deleteProbe();
      try (IndexOutput out = directory.createOutput(SPACE_PROBE, IOContext.DEFAULT)) {
        byte[] block = new byte[64 * 1024];
        for (int written = 0; written < SPACE_PROBE_BYTES; written += block.length) {
          out.writeBytes(block, block.length);
        }
      }
      // Some file systems only find out at sync that the blocks cannot be had.
      directory.sync(List.of(SPACE_PROBE));
    } catch (IOException e) {
      throw new IndexWriteException("the index folder has no room yet", e);
    } finally {
      try {
        deleteProbe();
      } catch (IOException e) {
        // A probe left behind is overwritten by the next check; it is not part of the index.
      }
    }
  }

  private void deleteProbe() throws IOException {
    try {
      directory.deleteFile(SPACE_PROBE);
    } catch (NoSuchFileException e) {
      // Nothing left from an earlier check: the usual case.
    }
  }

  /**
   * Opens a new writer on the last commit on disk (after {@link #discardUncommitted()}), resets the
   * positions to the ones that commit stored and points searches at the new writer. The caller
   * resumes reading Kafka from {@link #committedPositions()}.
   */
  public void reopen() {
    if (writer.isOpen()) {
      discardUncommitted();
    }
    IndexWriter fresh = null;
    try {
      Map<String, Long> committed = Map.copyOf(readCommittedPositions(directory));
      fresh = openWriter(directory, analyzer);
      searchers.follow(fresh);
      synchronized (positions) {
        positions.clear();
        positions.putAll(committed);
      }
      committedPositions = committed;
      uncommitted = 0;
      writer = fresh;
    } catch (IOException e) {
      if (fresh != null) {
        try {
          fresh.rollback();
        } catch (IOException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw new IndexWriteException("reopening the index writer failed", e);
    }
  }

  /** The analysis to parse searches of this index with (see {@link PhraseGrams}). */
  public ArticleAnalyzer analyzer() {
    return analyzer;
  }

  public ReferenceManager<IndexSearcher> searchers() {
    return searchers;
  }

  /** The article with this id, as last indexed and refreshed. */
  public Optional<Article> find(String id) {
    try {
      IndexSearcher searcher = searchers.acquire();
      try {
        TopDocs top = searcher.search(new TermQuery(idTerm(id)), 1);
        if (top.scoreDocs.length == 0) {
          return Optional.empty();
        }
        return Optional.of(
            ArticleFields.toArticle(searcher.storedFields().document(top.scoreDocs[0].doc)));
      } finally {
        searchers.release(searcher);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("index read failed", e);
    }
  }

  /** Articles in the searchable view of the index. */
  public int count() {
    try {
      IndexSearcher searcher = searchers.acquire();
      try {
        return searcher.getIndexReader().numDocs();
      } finally {
        searchers.release(searcher);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("index read failed", e);
    }
  }

  /** Articles applied by this indexer since it opened (redeliveries count again). */
  public long documentsIndexed() {
    return documentsIndexed.get();
  }

  /** How long the last commit took, in nanoseconds. */
  public long lastCommitNanos() {
    return lastCommitNanos.get();
  }

  /**
   * True until {@link #close()}: searches are served even while the writer is down after a write
   * failure.
   */
  public boolean isOpen() {
    return !closed;
  }

  /** Closes without committing: the consumer loop commits what it wants durable before this. */
  @Override
  public void close() {
    closed = true;
    try {
      searchers.close();
      writer.rollback();
      directory.close();
    } catch (IOException e) {
      throw new UncheckedIOException("closing the index failed", e);
    }
  }
}
