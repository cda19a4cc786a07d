package org.newswatch.common.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;

/**
 * Installs {@link PinningResolver} as this JVM's resolver, found by {@link java.util.ServiceLoader}
 * through {@code META-INF/services/java.net.spi.InetAddressResolverProvider} in the common jar (the
 * fat jars merge that file). The JVM loads it once, at its first name lookup, and takes the first
 * provider on the class path.
 */
public class PinningResolverProvider extends InetAddressResolverProvider {
  private static volatile boolean installed;

  @Override
  public final InetAddressResolver get(Configuration configuration) {
    installed = true;
    return new PinningResolver(upstream(configuration), PinnedHosts.JVM);
  }

  /** True when this JVM resolves names through a {@link PinningResolver}. */
  static boolean installed() {
    if (!installed) {
      try {
        InetAddress.getByName("localhost"); // the JVM loads its resolver at its first lookup
      } catch (UnknownHostException e) {
        // the answer does not matter, only that the JVM has chosen its resolver
      }
    }
    return installed;
  }

  /** Where names are really resolved: the JDK's resolver. Tests put a scripted name server here. */
  protected InetAddressResolver upstream(Configuration configuration) {
    return configuration.builtinResolver();
  }

  @Override
  public String name() {
    return "newswatch-pinning";
  }
}
