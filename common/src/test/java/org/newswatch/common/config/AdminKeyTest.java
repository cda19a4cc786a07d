package org.newswatch.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminKeyTest {

  @Test
  void generatedOnceThenKeptInTheDataFolder(@TempDir Path data) {
    AdminKey first = AdminKey.resolve(null, data);
    AdminKey second = AdminKey.resolve(null, data);
    assertTrue(first.generated());
    assertFalse(second.generated());
    assertEquals(first.value(), second.value());
    assertNotEquals(first.value(), AdminKey.resolve(null, data.resolve("other")).value());
  }

  @Test
  void configuredKeyWinsAndIsNotWritten(@TempDir Path data) {
    AdminKey key = AdminKey.resolve("configured-admin-key-0123456789", data);
    assertEquals("configured-admin-key-0123456789", key.value());
    assertFalse(data.resolve(AdminKey.FILE).toFile().exists());
  }
}
