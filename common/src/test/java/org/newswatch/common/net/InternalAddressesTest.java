package org.newswatch.common.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InternalAddressesTest {

  @ParameterizedTest(name = "{0} internal: {1}")
  @CsvSource({
    "127.0.0.1, true",
    "10.1.2.3, true",
    "172.16.0.1, true",
    "192.168.1.1, true",
    "169.254.169.254, true",
    "100.64.0.1, true",
    "0.0.0.0, true",
    "::1, true",
    "fd00::1, true",
    "fe80::1, true",
    // IPv4-mapped IPv6 must not smuggle loopback or metadata past the check.
    "::ffff:127.0.0.1, true",
    "::ffff:169.254.169.254, true",
    "93.184.216.34, false",
    "2606:2800:220:1:248:1893:25c8:1946, false",
    "100.128.0.1, false",
  })
  void tellsInternalFromPublicAddresses(String literal, boolean internal) throws Exception {
    assertEquals(internal, InternalAddresses.isInternal(InetAddress.getByName(literal)));
  }
}
