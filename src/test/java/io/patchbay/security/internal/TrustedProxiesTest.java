package io.patchbay.security.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.catalina.valves.RemoteIpValve;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ClassPathResource;

/**
 * Whoever reaches the hub's port directly cannot pose as another client: no proxy's {@code X-Forwarded-For} is
 * believed until the operator names the load balancer. (Any loopback or private peer used to be believed, so each
 * new header started a fresh sign-in counter.)
 */
class TrustedProxiesTest {

    @Test
    void noProxyIsBelievedUntilOneIsNamed() throws Exception {
        var settings = new YamlPropertySourceLoader()
                .load("application", new ClassPathResource("application.yml"))
                .getFirst();
        Object proxies = settings.getProperty("server.tomcat.remoteip.internal-proxies");
        assertThat(proxies).isEqualTo("");

        var valve = new RemoteIpValve();
        valve.setInternalProxies((String) proxies);
        assertThat(valve.getInternalProxies()).as("Tomcat believes no proxy").isNull();
    }
}
