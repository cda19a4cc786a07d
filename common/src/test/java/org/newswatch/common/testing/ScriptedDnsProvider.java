package org.newswatch.common.testing;

import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;

/**
 * Installs {@link ScriptedDns} as the test JVM's resolver. A module's tests switch it on with a
 * {@code META-INF/services/java.net.spi.InetAddressResolverProvider} in their own test resources,
 * which comes first on Surefire's class path; the JVM takes the first provider it finds.
 */
public final class ScriptedDnsProvider extends InetAddressResolverProvider {
  @Override
  public InetAddressResolver get(Configuration configuration) {
    return new ScriptedDns(configuration.builtinResolver());
  }

  @Override
  public String name() {
    return "newswatch-scripted-dns";
  }
}
