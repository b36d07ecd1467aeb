package io.patchbay.observability;

import io.patchbay.audit.Actions;
import io.patchbay.audit.AuditEntry;
import io.patchbay.base.PersonalData;
import io.patchbay.base.Plurals;
import io.patchbay.connection.InboundMessage;
import io.patchbay.sync.Run;
import java.time.Instant;
import java.util.Locale;
import java.util.stream.Collectors;

/** How each kind of thing that happened reads in a timeline: what a person sees of it, personal data masked. */
final class ActivityItems {

    private ActivityItems() {}

    static ActivityItem run(Run run) {
        Instant at = run.finishedAt() != null
                ? run.finishedAt()
                : run.startedAt() != null ? run.startedAt() : run.queuedAt();
        String detail = run.errorMessage() != null
                ? (run.errorClass() == null ? "" : run.errorClass().label() + ": ")
                        + PersonalData.mask(run.errorMessage())
                : run.recordsRead() + " read, " + run.recordsWritten() + " written, " + run.recordsQuarantined()
                        + " quarantined";
        return new ActivityItem(
                at,
                ActivityItem.Kind.RUN,
                run.trigger().label() + ": " + run.status().label().toLowerCase(Locale.ROOT),
                detail,
                run.correlationId(),
                "runs/" + run.id(),
                null);
    }

    static ActivityItem health(HealthTransition transition) {
        return new ActivityItem(
                transition.at(),
                ActivityItem.Kind.HEALTH,
                (transition.from() == null ? "" : transition.from().label() + " → ")
                        + transition.to().label(),
                PersonalData.mask(transition.reason()) + " (" + transition.cause() + ")",
                transition.correlationId(),
                null,
                null);
    }

    static ActivityItem change(AuditEntry entry) {
        String details = entry.details().entrySet().stream()
                .map(detail -> detail.getKey() + ": " + PersonalData.mask(detail.getKey(), detail.getValue()))
                .collect(Collectors.joining(", "));
        return new ActivityItem(
                entry.occurredAt(),
                ActivityItem.Kind.CHANGE,
                entry.actor() + " " + Actions.done(entry.action()),
                details,
                entry.correlationId(),
                null,
                null);
    }

    static ActivityItem data(InboundMessage message) {
        return new ActivityItem(
                message.receivedAt(),
                ActivityItem.Kind.DATA,
                Plurals.count(message.recordCount(), "record", "records") + " received",
                PersonalData.mask(message.summary()) + " (message " + message.messageId() + ")",
                message.correlationId() != null ? message.correlationId() : message.messageId(),
                null,
                null);
    }

    static ActivityItem notice(Notice notice) {
        return new ActivityItem(
                notice.createdAt(),
                ActivityItem.Kind.NOTICE,
                notice.kind().label() + ": " + PersonalData.mask(notice.title()),
                PersonalData.mask(notice.body()),
                notice.correlationId(),
                "notices",
                null);
    }
}
