package org.newswatch.common.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The port a standalone service listens on, written to {@code <data folder>/<service>.port} once it
 * is bound. With port 0 (a free port, as several instances sharing one host's network need) it is
 * the only place the port can be read: the container's health check and the compose test read it.
 */
public final class PortFile {
  private PortFile() {}

  public static Path of(Path dataDir, String service) {
    return dataDir.resolve(service + ".port");
  }

  /** Removes the last run's file, so that nothing reads a port this run has not bound (yet). */
  public static void clear(Path dataDir, String service) {
    try {
      Files.deleteIfExists(of(dataDir, service));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + of(dataDir, service), e);
    }
  }

  /** Writes the bound port; replaced in one step, so a reader never sees half a number. */
  public static void write(Path dataDir, String service, int port) {
    Path file = of(dataDir, service);
    Path partial = dataDir.resolve(service + ".port.partial");
    try {
      Files.createDirectories(dataDir);
      Files.writeString(partial, port + "\n", StandardCharsets.US_ASCII);
      Files.move(
          partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
