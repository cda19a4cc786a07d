package org.newswatch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newswatch.common.Json;

class ExtractCommandTest {
  @TempDir Path tmp;

  private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
  private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
  private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

  /** A page of ingest's extraction corpus (its test-jar), as a file of its own, named as there. */
  private Path corpus(String name) throws IOException {
    Path file = Files.createDirectories(tmp.resolve("corpus")).resolve(name);
    try (InputStream page =
        ExtractCommandTest.class.getResourceAsStream("/extract/corpus/" + name)) {
      if (page == null) {
        throw new IOException("no " + name + " in ingest-service's test-jar");
      }
      Files.copy(page, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    return file;
  }

  private String out() {
    return outBytes.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return errBytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void printsOneJsonObjectPerFile() throws Exception {
    int code =
        ExtractCommand.run(
            new String[] {
              "extract",
              corpus("en-border-classic.html").toString(),
              corpus("ur-border-brdiv.html").toString()
            },
            out,
            err);
    assertEquals(0, code, err());
    String[] lines = out().strip().split("\n");
    assertEquals(2, lines.length);
    JsonNode en = Json.MAPPER.readTree(lines[0]);
    assertEquals("en-border-classic.html", en.get("file").asText());
    assertEquals("extracted", en.get("status").asText());
    assertEquals(
        "Pakistan and Iran agree to reopen two border crossings after month-long closure",
        en.get("title").asText());
    assertEquals("Sana Baloch", en.get("authors").get(0).asText());
    assertEquals("2024-03-05T04:30:00Z", en.get("publishedAt").asText());
    assertEquals("en", en.get("language").asText());
    assertTrue(en.get("canonicalUrl").asText().startsWith("https://www.frontierledger.pk/"));
    assertTrue(en.get("body").asText().startsWith("QUETTA — Pakistan and Iran agreed"));
    assertTrue(en.get("storyId").asText().startsWith("en-"));
    assertEquals("ur", Json.MAPPER.readTree(lines[1]).get("language").asText());
  }

  @Test
  void directoryModeWritesTextAndJsonAndListsFailures() throws Exception {
    Path in = Files.createDirectory(tmp.resolve("in"));
    Path outDir = tmp.resolve("out");
    Files.copy(corpus("fa-border-classic.html"), in.resolve("fa.html"));
    try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(in.resolve("ur.html.gz")))) {
      gz.write(Files.readAllBytes(corpus("ur-gwadar-cp1256.html")));
    }
    Files.write(in.resolve("broken.html"), new byte[] {0, 1, 2, 3, 0, 0, 0, 5, 6});
    Files.writeString(in.resolve("notes.txt"), "not a page");
    Files.writeString(in.resolve("empty-ish.html"), "<html><body><p>Menu</p></body></html>");

    int code =
        ExtractCommand.run(
            new String[] {"extract", "--dir", in.toString(), "--out", outDir.toString()}, out, err);

    assertEquals(1, code, "some pages failed");
    assertTrue(err().contains("broken.html: failed: not HTML"), err());
    assertTrue(err().contains("empty-ish.html: too short"), err());
    assertFalse(err().contains("notes.txt"));
    String faBody = Files.readString(outDir.resolve("fa.txt"), StandardCharsets.UTF_8);
    assertTrue(faBody.startsWith("ایران و پاکستان روز سه‌شنبه"), faBody);
    String urBody = Files.readString(outDir.resolve("ur.txt"), StandardCharsets.UTF_8);
    assertTrue(urBody.contains("گوادر"), urBody);
    JsonNode ur =
        Json.MAPPER.readTree(Files.readString(outDir.resolve("ur.json"), StandardCharsets.UTF_8));
    assertEquals("windows-1256", ur.get("charset").asText());
    assertEquals("ur", ur.get("language").asText());
    assertFalse(Files.exists(outDir.resolve("broken.txt")));
    assertTrue(
        Files.exists(outDir.resolve("empty-ish.json")), "too-short pages are still described");
  }

  @Test
  void unreadableFileIsReportedAndTheRestGoOn() throws Exception {
    int code =
        ExtractCommand.run(
            new String[] {
              tmp.resolve("missing.html").toString(), corpus("en-rail-minimal.html").toString()
            },
            out,
            err);
    assertEquals(1, code);
    assertTrue(err().contains("missing.html: cannot read"), err());
    assertEquals(1, out().strip().split("\n").length);
  }

  @Test
  void usageErrorsExitWithTwo() throws IOException {
    assertEquals(2, ExtractCommand.run(new String[] {}, out, err));
    assertEquals(
        2, ExtractCommand.run(new String[] {"extract", "--dir", tmp.toString()}, out, err));
    assertEquals(
        2,
        ExtractCommand.run(
            new String[] {"--dir", tmp.resolve("nope").toString(), "--out", tmp.toString()},
            out,
            err));
    assertTrue(err().contains("usage: newswatch extract"));
  }
}
