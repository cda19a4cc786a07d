package org.newswatch.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.newswatch.common.Json;
import org.newswatch.ingest.extract.ArticleExtractor;
import org.newswatch.ingest.extract.ExtractedPage;
import org.newswatch.ingest.extract.ExtractionResult;
import org.newswatch.ingest.extract.StoryIds;

/**
 * {@code newswatch extract}: extraction without Kafka, for checking what the extractor makes of
 * pages.
 *
 * <ul>
 *   <li>{@code extract FILE...} prints one JSON object per file, one per line.
 *   <li>{@code extract --dir IN --out OUT} reads every {@code *.html} and {@code *.html.gz} in IN
 *       and writes {@code OUT/<name>.txt} (the body alone) and {@code OUT/<name>.json}.
 * </ul>
 *
 * Pages that fail or hold too little text are listed on stderr and the rest go on. Exit code 0 when
 * every page gave an article, 1 when some did not, 2 for a usage error.
 */
public final class ExtractCommand {
  private static final String USAGE =
      "usage: newswatch extract FILE...\n"
          + "       newswatch extract --dir IN --out OUT   (every *.html and *.html.gz in IN)";

  private final ArticleExtractor extractor = new ArticleExtractor();

  private ExtractCommand() {}

  public static int run(String[] args, PrintStream out, PrintStream err) {
    List<String> a = new ArrayList<>(List.of(args));
    if (!a.isEmpty() && a.get(0).equals("extract")) {
      a.remove(0);
    }
    if (a.isEmpty() || a.contains("--help") || a.contains("-h")) {
      err.println(USAGE);
      return a.isEmpty() ? 2 : 0;
    }
    ExtractCommand command = new ExtractCommand();
    if (a.contains("--dir") || a.contains("--out")) {
      int dir = a.indexOf("--dir");
      int outDir = a.indexOf("--out");
      if (dir < 0 || outDir < 0 || dir + 1 >= a.size() || outDir + 1 >= a.size() || a.size() != 4) {
        err.println("extract: --dir IN and --out OUT go together, and nothing else\n" + USAGE);
        return 2;
      }
      return command.directory(Path.of(a.get(dir + 1)), Path.of(a.get(outDir + 1)), err);
    }
    return command.files(a, out, err);
  }

  private int files(List<String> names, PrintStream out, PrintStream err) {
    int failures = 0;
    for (String name : names) {
      Path file = Path.of(name);
      try {
        Map<String, Object> json =
            describe(file.getFileName().toString(), extractor.extract(read(file), null, null));
        out.println(Json.toString(json));
        if (!"extracted".equals(json.get("status"))) {
          err.println(name + ": " + json.get("reason"));
          failures++;
        }
      } catch (IOException e) {
        err.println(name + ": cannot read: " + e.getMessage());
        failures++;
      }
    }
    return failures == 0 ? 0 : 1;
  }

  private int directory(Path in, Path out, PrintStream err) {
    if (!Files.isDirectory(in)) {
      err.println("extract: " + in + " is not a directory");
      return 2;
    }
    List<Path> pages;
    try (Stream<Path> s = Files.list(in)) {
      pages = s.filter(p -> baseName(p) != null && Files.isRegularFile(p)).sorted().toList();
      Files.createDirectories(out);
    } catch (IOException e) {
      err.println("extract: " + e.getMessage());
      return 2;
    }
    int failures = 0;
    for (Path page : pages) {
      String name = baseName(page);
      try {
        ExtractionResult result = extractor.extract(read(page), null, null);
        Map<String, Object> json = describe(page.getFileName().toString(), result);
        if (result instanceof ExtractionResult.Failed f) {
          err.println(page.getFileName() + ": failed: " + f.reason());
          failures++;
          continue;
        }
        if (result instanceof ExtractionResult.TooShort t) {
          err.println(page.getFileName() + ": too short: " + t.reason());
          failures++;
        }
        Files.writeString(
            out.resolve(name + ".txt"),
            (String) json.getOrDefault("body", ""),
            StandardCharsets.UTF_8);
        Files.writeString(out.resolve(name + ".json"), Json.toString(json), StandardCharsets.UTF_8);
      } catch (IOException e) {
        err.println(page.getFileName() + ": " + e.getMessage());
        failures++;
      }
    }
    err.println(
        "extract: "
            + (pages.size() - failures)
            + " of "
            + pages.size()
            + " pages extracted to "
            + out);
    return failures == 0 ? 0 : 1;
  }

  /** The output name for an input page, or null when the file is not one. */
  static String baseName(Path p) {
    String n = p.getFileName().toString();
    if (n.endsWith(".html.gz")) {
      return n.substring(0, n.length() - ".html.gz".length());
    }
    if (n.endsWith(".html")) {
      return n.substring(0, n.length() - ".html".length());
    }
    return null;
  }

  /**
   * The file's bytes, gunzipped when it ends in .gz. Reading stops a byte past the extractor's cap,
   * so a gzip bomb costs no more than a large page.
   */
  static byte[] read(Path file) throws IOException {
    if (!file.getFileName().toString().endsWith(".gz")) {
      return Files.readAllBytes(file);
    }
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      return in.readNBytes(ArticleExtractor.MAX_BYTES + 1);
    }
  }

  static Map<String, Object> describe(String file, ExtractionResult result) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("file", file);
    ExtractedPage page = null;
    switch (result) {
      case ExtractionResult.Extracted e -> {
        json.put("status", "extracted");
        page = e.page();
      }
      case ExtractionResult.TooShort t -> {
        json.put("status", "too-short");
        json.put("reason", t.reason());
        page = t.page();
      }
      case ExtractionResult.Failed f -> {
        json.put("status", "failed");
        json.put("reason", f.reason());
      }
    }
    if (page != null) {
      json.put("title", page.title());
      json.put("authors", page.authors());
      json.put("publishedAt", page.publishedAt());
      json.put("modifiedAt", page.modifiedAt());
      json.put("language", page.language());
      json.put("declaredLanguage", page.declaredLanguage());
      json.put("canonicalUrl", page.canonicalUrl());
      json.put("siteName", page.siteName());
      json.put("imageUrl", page.imageUrl());
      json.put("section", page.section());
      json.put("keywords", page.keywords());
      json.put("charset", page.charset());
      json.put("method", page.method());
      json.put("storyId", StoryIds.storyId(page.title(), page.body(), page.language()));
      json.put("warnings", page.warnings());
      json.put("body", page.body());
    }
    return json;
  }
}
