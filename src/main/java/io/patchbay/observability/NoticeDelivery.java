package io.patchbay.observability;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One notice on its way to one channel.
 *
 * @param lastOutcome what the newest attempt got (an SMTP or HTTP answer, or why it was refused); null before any
 * @param nextAttemptAt when it is tried again, while pending
 */
public record NoticeDelivery(
        long noticeId,
        AlertChannel.Kind kind,
        String target,
        State state,
        int attempts,
        @Nullable String lastOutcome,
        @Nullable Instant sentAt,
        Instant nextAttemptAt) {

    public enum State {
        PENDING,
        SENT,
        FAILED
    }
}
