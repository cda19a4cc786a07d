package org.newswatch.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstanceIdTest {
  @TempDir Path dir;

  @Test
  void restartKeepsItsId() throws Exception {
    // Given a new data folder (not made yet)
    Path data = dir.resolve("alert");

    // When an instance starts on it twice
    String first = InstanceId.of(data);
    String again = InstanceId.of(data);

    // Then the id is written once and read back the same
    assertEquals(10, first.length());
    assertEquals(first, again);
    assertEquals(
        first + "\n", Files.readString(data.resolve("instance.id"), StandardCharsets.UTF_8));
  }

  @Test
  void twoFoldersGetTwoIds() {
    assertNotEquals(InstanceId.of(dir.resolve("a")), InstanceId.of(dir.resolve("b")));
  }

  @Test
  void needsAFolder() {
    assertThrows(NullPointerException.class, () -> InstanceId.of(null));
  }
}
