package org.newswatch.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnvTest {

  @ParameterizedTest(name = "{0} = {1} ms")
  @CsvSource({"500ms, 500", "30s, 30000", "5m, 300000", "1h, 3600000", "2d, 172800000"})
  void parsesDurationsAsWrittenInTheFeedsFile(String text, long millis) {
    assertEquals(Duration.ofMillis(millis), Env.parseDuration(text));
  }

  @ParameterizedTest
  @CsvSource({"5", "5 minutes", "-1s", "1.5h", "m"})
  void rejectsDurationsWithoutAUnit(String text) {
    assertThrows(IllegalArgumentException.class, () -> Env.parseDuration(text));
  }

  @ParameterizedTest
  @CsvSource({"500ms", "3s", "90s", "5m", "2h"})
  void durationIsWrittenAsItIsRead(String text) {
    assertEquals(text, Env.formatDuration(Env.parseDuration(text)));
  }

  @Test
  void feedIntervalBelowTheMinimumIsNamedAsTheUserWroteIt() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new org.newswatch.common.model.Feed(
                    "f", "https://example.org/feed", "S", "en", Env.parseDuration("3s")));
    assertEquals("feed f: interval must be at least 5s, was 3s", e.getMessage());
  }

  @Test
  void badPortNamesTheVariableAndTheBound() {
    Env env = new Env(Map.of("NEWSWATCH_INDEX_PORT", "80800"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> NewswatchConfig.from(env));
    assertTrue(e.getMessage().contains("NEWSWATCH_INDEX_PORT"), e.getMessage());
    assertTrue(e.getMessage().contains("0-65535"), e.getMessage());
  }

  @Test
  void badFlagNamesTheVariable() {
    Env env = new Env(Map.of("NEWSWATCH_ALLOW_PRIVATE_FEEDS", "maybe"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> NewswatchConfig.from(env));
    assertTrue(e.getMessage().startsWith("NEWSWATCH_ALLOW_PRIVATE_FEEDS"), e.getMessage());
  }

  @Test
  void defaultsWorkOnOneMachine() {
    NewswatchConfig config = NewswatchConfig.from(new Env(Map.of()));
    assertEquals(null, config.kafka());
    assertEquals(8081, config.ingestPort());
    assertEquals(8082, config.indexPort());
    assertEquals(8083, config.alertPort());
    assertEquals(false, config.allowPrivateFeeds());
  }
}
