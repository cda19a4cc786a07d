package org.newswatch.app;

import java.io.PrintStream;
import java.util.Locale;
import org.newswatch.alert.AlertSettings;
import org.newswatch.common.config.Env;
import org.newswatch.common.config.Setting;
import org.newswatch.common.config.Settings;

/**
 * {@code newswatch config}: every setting's effective value, secrets masked, and whether it came
 * from the environment or is the default; a bad value is reported as it would stop a start.
 */
final class ConfigCommand {
  static final String MASK = "********";

  private ConfigCommand() {}

  /** Prints the settings read from {@code env}; 0, or 2 after one line naming a bad variable. */
  static int run(Env env, PrintStream out, PrintStream err) {
    Settings settings;
    AlertSettings alert;
    try {
      settings = Settings.read(env);
      // The checks across variables (e-mail needs a host and a sender) that a start makes too.
      alert = AlertSettings.from(settings);
    } catch (IllegalArgumentException e) {
      err.println("newswatch: " + e.getMessage());
      return 2;
    }
    int width = Settings.names().stream().mapToInt(String::length).max().orElse(0);
    for (Setting<?> s : Settings.all()) {
      boolean fromEnv = settings.fromEnvironment(s);
      String value =
          s == Settings.INDEX_URL && !fromEnv ? alert.indexUrl().toString() : settings.shown(s);
      out.println(
          String.format(
              Locale.ROOT,
              "%-" + width + "s  %-11s  %s",
              s.name(),
              fromEnv ? "environment" : "default",
              value));
    }
    return 0;
  }
}
