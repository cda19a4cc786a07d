package org.newswatch.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExtractionBenchTest {
  private static final String PAGE =
      "<!DOCTYPE html><html><head><meta charset=\"%s\"><title>%s</title></head><body>"
          + "<nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav><article><h1>%2$s</h1>%s</article>"
          + "<footer>Copyright</footer></body></html>";

  @Test
  void reportsRatesAndRatiosForBothSets(@TempDir Path dir) throws IOException {
    writePages(dir);

    List<String[]> rows =
        ExtractionBench.run(
            "--pages",
            dir.toString(),
            "--large-kb",
            "40",
            "--rounds",
            "2",
            "--round-seconds",
            "0.01",
            "--warmup-seconds",
            "0");

    assertEquals(8, rows.size(), "four rows for the test pages, four for the grown ones");
    for (String[] row : rows) {
      assertEquals(3, row.length);
    }
    assertTrue(rows.get(0)[0].contains("3 pages"), rows.get(0)[0]);
    assertTrue(rows.get(0)[1].matches("[0-9,]+ pages/s; [0-9.]+ MB/s"), rows.get(0)[1]);
    assertTrue(rows.get(0)[2].contains("2 extracted, 1 too short, 0 failed"), rows.get(0)[2]);
    assertTrue(
        rows.get(3)[1].matches("\\*\\*[0-9.]+\\*\\* \\(bytes\\); [0-9.]+ \\(decoded text\\)"),
        rows.get(3)[1]);
    assertTrue(rows.get(4)[2].contains("3 of 3 with the same body"), rows.get(4)[2]);
  }

  @Test
  void refusesUnknownFlagsAndEmptyFolders(@TempDir Path dir) {
    IllegalArgumentException flag =
        assertThrows(IllegalArgumentException.class, () -> ExtractionBench.run("--fast"));
    assertTrue(flag.getMessage().contains("--fast"));
    IllegalArgumentException empty =
        assertThrows(
            IllegalArgumentException.class, () -> ExtractionBench.run("--pages", dir.toString()));
    assertTrue(empty.getMessage().contains("no *.html"));
    assertThrows(IllegalArgumentException.class, () -> ExtractionBench.run("--rounds", "0"));
  }

  @Test
  void findsTheProjectPagesFromTheModuleFolder() {
    // Surefire runs in bench/: the default walks up to the repository root.
    Path found = BenchPage.defaultDir();

    assertTrue(Files.isDirectory(found.resolve("corpus")), found.toString());
  }

  private static void writePages(Path dir) throws IOException {
    String story =
        "<p>The provincial government approved a plan on Monday to rebuild forty schools damaged in last"
            + " summer's floods, the education minister said.</p><p>Work on the first twelve buildings will begin next"
            + " month and should be finished before the new school year.</p>";
    Files.writeString(
        dir.resolve("en-schools.html"),
        PAGE.formatted("utf-8", "Flood-hit schools to be rebuilt", story));
    Charset cp1256 = Charset.forName("windows-1256");
    String urdu =
        "<p>صوبائی حکومت نے پیر کو سیلاب سے متاثرہ چالیس اسکولوں کی دوبارہ تعمیر کے منصوبے کی منظوری دے دی،"
            + " وزیر تعلیم نے بتایا۔</p><p>پہلی بارہ عمارتوں پر کام اگلے مہینے شروع ہوگا اور نئے تعلیمی سال سے پہلے مکمل ہو جائے گا۔</p>";
    Files.createDirectories(dir.resolve("ur"));
    Files.write(
        dir.resolve("ur/ur-schools.html"),
        PAGE.formatted("windows-1256", "اسکولوں کی تعمیر", urdu).getBytes(cp1256));
    // A gallery page with a caption only: the extractor flags it as too short.
    try (OutputStream out =
        new GZIPOutputStream(Files.newOutputStream(dir.resolve("gallery.html.gz")))) {
      out.write(
          PAGE.formatted(
                  "utf-8",
                  "In pictures",
                  "<figure><figcaption>Rain in Lahore</figcaption></figure>")
              .getBytes(StandardCharsets.UTF_8));
    }
  }
}
