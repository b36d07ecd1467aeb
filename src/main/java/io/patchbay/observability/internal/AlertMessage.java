package io.patchbay.observability.internal;

import io.patchbay.base.PersonalData;
import io.patchbay.observability.Notice;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What a notice says when it leaves the hub: masked like everything people read outside the tenant's own reveal (an
 * inbox or a chat channel is not the place for personal data), with a link back to the connection and the correlation
 * id to quote to support.
 */
record AlertMessage(
        String id,
        String type,
        String subject,
        String text,
        String link,
        @Nullable String correlationId) {

    static AlertMessage of(String id, Notice notice, String publicUrl) {
        String link = notice.connectionId() == null
                ? publicUrl + "/notices"
                : publicUrl + "/connections/" + notice.connectionId();
        return new AlertMessage(
                id,
                "notice." + notice.kind().name().toLowerCase(Locale.ROOT),
                PersonalData.mask(notice.title()),
                PersonalData.mask(notice.body()),
                link,
                notice.correlationId());
    }

    static AlertMessage test(String id, String publicUrl) {
        return new AlertMessage(
                id,
                "notice.test",
                "Test from Patchbay",
                "This channel works: Patchbay will tell you here when a connection turns Degraded or Failing, when "
                        + "it recovers, and what support suggests.",
                publicUrl + "/notices",
                null);
    }
}
