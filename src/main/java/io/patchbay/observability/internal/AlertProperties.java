package io.patchbay.observability.internal;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How notices reach a tenant's channels.
 *
 * @param from the sender of alert emails
 * @param retries the waits between attempts at one delivery; when they are used up the delivery has failed
 * @param lease how long a claimed delivery is held by its sender before another may claim it (longer than any send)
 * @param poll how often due deliveries are looked for when nothing wakes the dispatcher
 * @param dispatch whether this node sends alerts (every hub does; setup tools beside a hub do not)
 */
@ConfigurationProperties("patchbay.alerts")
public record AlertProperties(
        @DefaultValue("Patchbay <alerts@patchbay.localhost>")
        String from,

        @DefaultValue({"30s", "2m", "10m", "1h", "6h"}) List<Duration> retries,
        @DefaultValue("2m") Duration lease,
        @DefaultValue("2s") Duration poll,
        @DefaultValue("true") boolean dispatch) {}
