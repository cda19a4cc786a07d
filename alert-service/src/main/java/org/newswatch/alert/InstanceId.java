package org.newswatch.alert;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.newswatch.common.Hashes;

/**
 * A stable id for this instance, kept in its data folder ({@code instance.id}): it names the
 * transactional producer, so a restarted instance fences its predecessor and aborts any transaction
 * it left open.
 */
final class InstanceId {
  private InstanceId() {}

  /** The id kept in the folder, or a new one written there (the folder is made if missing). */
  static String of(Path dataDir) {
    Objects.requireNonNull(dataDir, "the alert service needs a data folder");
    Path file = dataDir.resolve("instance.id");
    try {
      if (Files.exists(file)) {
        return Files.readString(file, StandardCharsets.UTF_8).strip();
      }
      Files.createDirectories(dataDir);
      String id =
          Hashes.id(dataDir.toAbsolutePath().toString(), String.valueOf(System.nanoTime()))
              .substring(0, 10);
      Files.writeString(file, id + "\n", StandardCharsets.UTF_8);
      return id;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or write " + file, e);
    }
  }
}
