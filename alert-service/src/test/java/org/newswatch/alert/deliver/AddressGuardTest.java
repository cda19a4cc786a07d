package org.newswatch.alert.deliver;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressGuardTest {
  private final AddressGuard guard = new AddressGuard(false);

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://127.0.0.1/hook", "http://localhost:8080/", "http://10.1.2.3/", "http://192.168.0.10/", "http://172.16.5.4/",
        "http://169.254.169.254/latest/meta-data/", "http://[::1]/", "http://[fd00::1]/", "http://100.64.0.1/", "http://0.0.0.0/",
        "ftp://example.org/", "file:///etc/passwd", "http://user:pw@example.org/"
      })
  void refusesInternalAndOddTargets(String url) {
    assertThrows(IllegalArgumentException.class, () -> guard.check(URI.create(url)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://8.8.8.8/hook", "https://1.1.1.1/x", "https://[2606:4700:4700::1111]/"})
  void acceptsPublicAddresses(String url) {
    assertDoesNotThrow(() -> guard.check(URI.create(url)));
  }
}
