package org.newswatch.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * One page as the fetcher hands it to the extractor: raw bytes, the Content-Type header and the
 * URL; {@code text} is the page decoded with the charset the extractor found (for jsoup's parse of
 * decoded text), null until {@link ExtractionBench} has run the extractor on it.
 */
record BenchPage(String name, byte[] bytes, String contentType, String url, String text) {
  /**
   * What a server says for a page without a charset: the extractor has to sniff it from the bytes.
   */
  static final String CONTENT_TYPE = "text/html";

  BenchPage withText(String decoded) {
    return new BenchPage(name, bytes, contentType, url, decoded);
  }

  BenchPage withBytes(String newName, byte[] newBytes) {
    return new BenchPage(newName, newBytes, contentType, url, null);
  }

  /**
   * Every {@code *.html} and {@code *.html.gz} under {@code dir}, in path order so that runs
   * compare.
   */
  static List<BenchPage> load(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("--pages: " + dir + " is not a directory");
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files =
          walk.filter(Files::isRegularFile)
              .filter(
                  p ->
                      p.getFileName().toString().endsWith(".html")
                          || p.getFileName().toString().endsWith(".html.gz"))
              .sorted()
              .toList();
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException("--pages: no *.html or *.html.gz files under " + dir);
    }
    List<BenchPage> pages = new ArrayList<>();
    for (Path f : files) {
      String name = dir.relativize(f).toString().replace('\\', '/');
      pages.add(
          new BenchPage(
              name, read(f), CONTENT_TYPE, "https://bench.newswatch.example/" + name, null));
    }
    return pages;
  }

  private static byte[] read(Path f) throws IOException {
    if (!f.getFileName().toString().endsWith(".gz")) {
      return Files.readAllBytes(f);
    }
    try (InputStream in = new GZIPInputStream(Files.newInputStream(f))) {
      return in.readAllBytes();
    }
  }

  /**
   * The project's extraction pages, found from the working directory or any folder above it (the
   * repository root, {@code bench/}, or deeper); test resources are not on the bench class path.
   */
  static Path defaultDir() {
    Path relative = Path.of("ingest-service", "src", "test", "resources", "extract");
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path candidate = d.resolve(relative);
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new IllegalArgumentException(
        "no "
            + relative
            + " in the working directory or above it;"
            + " run from the repository or pass --pages DIR");
  }

  static long totalBytes(List<BenchPage> pages) {
    long n = 0;
    for (BenchPage p : pages) {
      n += p.bytes().length;
    }
    return n;
  }
}
