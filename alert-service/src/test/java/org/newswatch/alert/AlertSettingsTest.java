package org.newswatch.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.newswatch.common.config.Env;
import org.newswatch.common.config.Settings;

class AlertSettingsTest {
  private static AlertSettings from(Map<String, String> vars) {
    return AlertSettings.from(Settings.read(new Env(vars)));
  }

  @Test
  void previewReadsIndexServiceOnTheDefaultPort() {
    assertEquals(URI.create("http://localhost:8082"), from(Map.of()).indexUrl());
  }

  @Test
  void previewFollowsTheIndexPortWhenNoIndexUrlIsSet() {
    // Given index-service moved to another port on this machine, the preview reads it there.
    assertEquals(
        URI.create("http://localhost:9182"),
        from(Map.of("NEWSWATCH_INDEX_PORT", "9182")).indexUrl());
  }

  @Test
  void anIndexUrlWinsOverTheIndexPort() {
    assertEquals(
        URI.create("http://index.internal:8082"),
        from(Map.of(
                "NEWSWATCH_INDEX_PORT",
                "9182",
                "NEWSWATCH_INDEX_URL",
                "http://index.internal:8082/"))
            .indexUrl());
  }

  @Test
  void theAllInOneHandsTheIndexPortItGot() {
    assertEquals(
        URI.create("http://localhost:40123"),
        AlertSettings.from(Settings.read(new Env(Map.of("NEWSWATCH_INDEX_PORT", "0"))), 40123)
            .indexUrl());
  }

  @Test
  void badIndexUrlNamesTheVariable() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> from(Map.of("NEWSWATCH_INDEX_URL", "index:8082")));
    assertTrue(e.getMessage().startsWith("NEWSWATCH_INDEX_URL must be"), e.getMessage());
  }

  @Test
  void badLimitNamesTheVariable() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> from(Map.of("NEWSWATCH_LIMIT_STREAMS", "0")));
    assertTrue(e.getMessage().startsWith("NEWSWATCH_LIMIT_STREAMS must be"), e.getMessage());
    assertEquals(7, from(Map.of("NEWSWATCH_LIMIT_STREAMS", "7")).limits().streams());
  }
}
