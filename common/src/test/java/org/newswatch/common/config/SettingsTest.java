package org.newswatch.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {
  @Test
  void eachVariableIsDeclaredOnceAndIsTheListTheComposeTestChecks() {
    assertEquals(Settings.names().size(), new HashSet<>(Settings.names()).size());
    assertEquals(Settings.names(), NewswatchConfig.VARIABLES);
    assertTrue(Settings.names().contains("NEWSWATCH_INGEST_PUBLIC_URL"));
    assertTrue(Settings.names().contains("NEWSWATCH_SMTP_PASSWORD"));
  }

  @Test
  void saysWhereEachValueCameFrom() {
    Settings s = Settings.read(new Env(Map.of("NEWSWATCH_INDEX_PORT", "9182")));
    assertTrue(s.fromEnvironment(Settings.INDEX_PORT));
    assertEquals(9182, s.get(Settings.INDEX_PORT));
    assertFalse(s.fromEnvironment(Settings.ALERT_PORT));
    assertEquals(8083, s.get(Settings.ALERT_PORT));
  }

  @Test
  void masksSecretsButNotTheRest() {
    Settings s =
        Settings.read(
            new Env(
                Map.of(
                    "NEWSWATCH_ADMIN_KEY", "0123456789abcdef-secret",
                    "NEWSWATCH_SMTP_PASSWORD", "pw-secret",
                    "NEWSWATCH_KAFKA", "broker:9092")));
    assertEquals("********", s.shown(Settings.ADMIN_KEY));
    assertEquals("********", s.shown(Settings.SMTP_PASSWORD));
    assertEquals("broker:9092", s.shown(Settings.KAFKA));
    assertEquals("(unset)", Settings.defaults().shown(Settings.KAFKA));
  }

  @Test
  void aBadSecretIsNamedButNotEchoed() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Settings.read(new Env(Map.of("NEWSWATCH_ADMIN_KEY", "short-secret"))));
    assertTrue(e.getMessage().startsWith("NEWSWATCH_ADMIN_KEY must be"), e.getMessage());
    assertFalse(e.getMessage().contains("short-secret"), e.getMessage());
  }

  @Test
  void theIngestPublicUrlReachesTheConfig() {
    assertEquals(
        "https://news.example.org",
        NewswatchConfig.from(
                new Env(Map.of("NEWSWATCH_INGEST_PUBLIC_URL", "https://news.example.org")))
            .ingestPublicUrl());
    assertEquals(null, NewswatchConfig.from(new Env(Map.of())).ingestPublicUrl());
  }
}
