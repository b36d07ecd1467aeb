package io.patchbay.sync.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The run workers on this node: how many run at once, how often an idle worker looks for work, and how long a
 * claimed run stays this node's without a heartbeat.
 *
 * @param validateRecords whether mapped records are checked against their entity's schema and their template's rules
 *     (and what fails quarantined). Off only to measure what checking costs (bench/validation): every mapped record
 *     is then written as it is.
 */
@ConfigurationProperties("patchbay.sync")
public record SyncProperties(
        @DefaultValue("2") int workers,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("60s") Duration lease,
        @DefaultValue("true") boolean validateRecords) {}
