package org.newswatch.ingest.story;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A line {@code left: right} of a table beside this package's classes (a town and its district, a
 * crossing's two sides); blank lines and {@code #} comments are skipped.
 */
record IdPair(String left, String right, String line) {
  /**
   * @throws IllegalStateException for a missing resource or a line that is not two ids
   */
  static List<IdPair> read(String resource) {
    try (InputStream in = IdPair.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      List<IdPair> pairs = new ArrayList<>();
      String line;
      while ((line = reader.readLine()) != null) {
        line = line.strip();
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        String[] two = line.split(":");
        if (two.length != 2) {
          throw new IllegalStateException(resource + ": '" + line + "' must be 'id: id'");
        }
        pairs.add(new IdPair(two[0].strip(), two[1].strip(), line));
      }
      return pairs;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }
}
