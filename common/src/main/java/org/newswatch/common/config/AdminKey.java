package org.newswatch.common.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The admin's API key: {@code NEWSWATCH_ADMIN_KEY} when set, else the one kept in the data folder,
 * else a new one written there (readable by its owner only) and reported once.
 */
public record AdminKey(String value, boolean generated) {
  static final String FILE = "admin.key";

  public static AdminKey resolve(String configured, Path dataDir) {
    if (configured != null) {
      return new AdminKey(configured, false);
    }
    Path file = dataDir.resolve(FILE);
    try {
      if (Files.exists(file)) {
        return new AdminKey(Files.readString(file, StandardCharsets.UTF_8).trim(), false);
      }
      Files.createDirectories(dataDir);
      String key = newKey("nwa_");
      Files.writeString(file, key + "\n", StandardCharsets.UTF_8);
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // Not a POSIX file system (Windows): the folder's own permissions have to do.
      }
      return new AdminKey(key, true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the admin key in " + dataDir, e);
    }
  }

  /** 32 random bytes as hex behind a prefix that tells what kind of key it is. */
  public static String newKey(String prefix) {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return prefix + HexFormat.of().formatHex(bytes);
  }
}
