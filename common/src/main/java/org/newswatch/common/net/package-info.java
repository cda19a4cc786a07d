/**
 * Where the services may connect: {@link org.newswatch.common.net.InternalAddresses} names the
 * operator's own network, {@link org.newswatch.common.net.AddressGuard} refuses URLs that resolve
 * into it and pins the checked addresses for each request, and {@link
 * org.newswatch.common.net.PinningResolverProvider} makes the JVM's resolver honour those pins, so
 * a DNS answer that changes after the check (rebinding) is never connected to.
 */
package org.newswatch.common.net;
