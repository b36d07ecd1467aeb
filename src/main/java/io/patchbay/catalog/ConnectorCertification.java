package io.patchbay.catalog;

import java.time.LocalDate;

/**
 * What the certification kit proved of a connector, as committed in {@code connectors/certification.json}: the kit's
 * version, how many of its checks passed, and when. Each connector's certification test holds its entry to a fresh
 * run of the kit, so the Connectors page cannot claim more than the build shows.
 *
 * @param connector the versioned reference, e.g. {@code sandbox-crm@1}
 */
public record ConnectorCertification(
        String connector, int kitVersion, int checksPassed, int checks, LocalDate certifiedOn) {

    /** Every check passed. */
    public boolean certified() {
        return checks > 0 && checksPassed == checks;
    }
}
