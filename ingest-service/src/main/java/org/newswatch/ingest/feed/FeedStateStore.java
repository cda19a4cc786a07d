package org.newswatch.ingest.feed;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.newswatch.common.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-feed {@link FeedState} kept in the data folder: an append-only file of JSON lines, replayed
 * at open (the last line per feed wins) and compacted then when it has grown well past its live
 * entries. Losing a line costs at most one unconditional GET, so lines are flushed, not forced.
 */
public final class FeedStateStore implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FeedStateStore.class);
  static final String FILE = "feed-state.jsonl";

  private final Path file;
  private final Map<String, FeedState> states = new ConcurrentHashMap<>();
  private final BufferedWriter writer;

  private FeedStateStore(Path file) throws IOException {
    this.file = file;
    int lines = replay();
    if (lines > 2 * states.size() + 100) {
      compact();
    }
    this.writer =
        Files.newBufferedWriter(
            file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  public static FeedStateStore open(Path dir) {
    try {
      Files.createDirectories(dir);
      return new FeedStateStore(dir.resolve(FILE));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the feed state in " + dir, e);
    }
  }

  /**
   * The state of a feed registered at {@code registeredUrl}; fresh when none or when the URL was
   * changed.
   */
  FeedState get(String feedId, String registeredUrl) {
    FeedState s = states.get(feedId);
    return s != null && registeredUrl.equals(s.registeredUrl())
        ? s
        : FeedState.initial(feedId, registeredUrl);
  }

  synchronized void put(FeedState state) {
    if (state.equals(states.get(state.feedId()))) {
      return;
    }
    try {
      writer.write(Json.toString(state));
      writer.write('\n');
      writer.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the feed state " + file, e);
    }
    states.put(state.feedId(), state);
  }

  private int replay() throws IOException {
    if (!Files.exists(file)) {
      return 0;
    }
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (String line : lines) {
      if (line.isBlank()) {
        continue;
      }
      try {
        FeedState s = Json.fromString(line, FeedState.class);
        states.put(s.feedId(), s);
      } catch (IllegalArgumentException e) {
        LOG.warn("feed state {}: skipping an unreadable line ({})", file, e.getMessage());
      }
    }
    return lines.size();
  }

  private void compact() throws IOException {
    Path tmp = file.resolveSibling(FILE + ".tmp");
    try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      for (FeedState s : states.values()) {
        w.write(Json.toString(s));
        w.write('\n');
      }
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  @Override
  public synchronized void close() {
    try {
      writer.close();
    } catch (IOException e) {
      LOG.warn("closing the feed state {} failed", file, e);
    }
  }
}
