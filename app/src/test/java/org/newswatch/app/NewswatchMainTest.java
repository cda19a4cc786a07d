package org.newswatch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.newswatch.common.config.Env;
import org.newswatch.common.config.Settings;

class NewswatchMainTest {
  @Test
  void configPrintsEverySettingItsValueAndWhereItCameFrom() {
    Output out = new Output();
    Output err = new Output();
    int status =
        ConfigCommand.run(
            new Env(
                Map.of(
                    "NEWSWATCH_ADMIN_KEY", "a-secret-admin-key-0123456789",
                    "NEWSWATCH_INDEX_PORT", "9182")),
            out.stream,
            err.stream);
    assertEquals(0, status, err.text());
    List<String> lines = out.text().lines().toList();
    assertEquals(Settings.all().size(), lines.size(), out.text());
    assertEquals(
        List.of("NEWSWATCH_ADMIN_KEY", "environment", "********"),
        line(lines, "NEWSWATCH_ADMIN_KEY"));
    assertFalse(out.text().contains("a-secret-admin-key"), out.text());
    assertEquals(
        List.of("NEWSWATCH_INDEX_PORT", "environment", "9182"),
        line(lines, "NEWSWATCH_INDEX_PORT"));
    assertEquals(
        List.of("NEWSWATCH_ALERT_PORT", "default", "8083"), line(lines, "NEWSWATCH_ALERT_PORT"));
    // The preview's address follows the index port, as alert-service will use it.
    assertEquals(
        List.of("NEWSWATCH_INDEX_URL", "default", "http://localhost:9182"),
        line(lines, "NEWSWATCH_INDEX_URL"));
    assertEquals("", err.text());
  }

  @Test
  void configMasksTheSmtpPassword() {
    Output out = new Output();
    int status =
        ConfigCommand.run(
            new Env(
                Map.of(
                    "NEWSWATCH_SMTP_HOST", "smtp.example.org",
                    "NEWSWATCH_SMTP_FROM", "alerts@example.org",
                    "NEWSWATCH_SMTP_USER", "alerts",
                    "NEWSWATCH_SMTP_PASSWORD", "smtp-pass-word")),
            out.stream,
            new Output().stream);
    assertEquals(0, status);
    assertEquals(
        List.of("NEWSWATCH_SMTP_PASSWORD", "environment", "********"),
        line(out.text().lines().toList(), "NEWSWATCH_SMTP_PASSWORD"));
    assertFalse(out.text().contains("smtp-pass-word"), out.text());
  }

  @Test
  void configRefusesABadValueWithOneLineNamingTheVariable() {
    Output out = new Output();
    Output err = new Output();
    int status =
        ConfigCommand.run(new Env(Map.of("NEWSWATCH_INDEX_PORT", "80800")), out.stream, err.stream);
    assertEquals(2, status);
    assertEquals(1, err.text().lines().count(), err.text());
    assertTrue(err.text().startsWith("newswatch: NEWSWATCH_INDEX_PORT must be"), err.text());
    assertEquals("", out.text());
  }

  /** The line of one variable, split on its column gaps. */
  private static List<String> line(List<String> lines, String name) {
    return lines.stream()
        .filter(l -> l.startsWith(name + " "))
        .findFirst()
        .map(l -> List.of(l.trim().split(" {2,}")))
        .orElseThrow(() -> new AssertionError("no line for " + name + " in " + lines));
  }

  private static final class Output {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    String text() {
      return bytes.toString(StandardCharsets.UTF_8);
    }
  }
}
