package org.newswatch.ingest;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Where the real feeds and pages are (issue 17): {@code shared/realworld/} beside the checkout, as
 * on CI, or the folder named by {@code -Dnewswatch.realworld=DIR}. They are published documents
 * from real outlets, kept outside the project on purpose; a test that needs them is skipped, with
 * this reason, where they are absent.
 */
public final class RealWorld {
  private RealWorld() {}

  /** The real-world folder, or the calling test is aborted (reported as skipped). */
  public static Path root() {
    String property = System.getProperty("newswatch.realworld");
    if (property != null && !property.isBlank()) {
      Path p = Path.of(property);
      Assumptions.assumeTrue(
          Files.isDirectory(p), "newswatch.realworld=" + property + " is not a folder");
      return p;
    }
    // Tests run in the module's folder; the checkout is its parent, and shared/ sits beside the
    // checkout.
    for (Path dir = Path.of("").toAbsolutePath();
        dir != null && dir.getParent() != null;
        dir = dir.getParent()) {
      Path candidate = dir.resolveSibling("shared").resolve("realworld");
      if (Files.isDirectory(candidate.resolve("pages"))
          && Files.isDirectory(candidate.resolve("feeds"))) {
        return candidate;
      }
    }
    Assumptions.abort(
        "real-world pages and feeds not found: expected shared/realworld/ beside the checkout"
            + " (../shared/realworld from the repository root) or -Dnewswatch.realworld=DIR; skipped");
    return null; // unreachable: abort throws
  }

  public static Path pages() {
    return root().resolve("pages");
  }

  public static Path feeds() {
    return root().resolve("feeds");
  }
}
