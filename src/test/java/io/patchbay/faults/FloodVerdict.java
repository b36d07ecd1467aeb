package io.patchbay.faults;

import io.patchbay.support.hub.Ledger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.assertj.core.api.SoftAssertions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A flood's messages held against the hub's database once it settled: which acknowledged messages are in the core
 * store exactly once with their own data, and what is there that should not be.
 */
record FloodVerdict(
        int sent,
        int attempts,
        int acknowledged,
        int accepted,
        int duplicates,
        int applied,
        List<String> acknowledgedButNotApplied,
        List<String> appliedWithOtherData,
        List<String> unacknowledgedHalfApplied,
        List<String> halfStaged,
        List<String> appliedButNeverSent,
        int unlinkedCoreRecords,
        Map<String, Integer> answers) {

    /** The entity of the "Signed webhooks from any system" template, whose records are copied as they come. */
    static final String ENTITY = "event";

    private static final ObjectMapper JSON = new ObjectMapper();

    static FloodVerdict of(WebhookFlood flood, Ledger ledger, String tenantId) {
        List<WebhookFlood.Message> messages = flood.messages();
        Set<String> connections = new HashSet<>();
        messages.forEach(m -> connections.add(m.endpoint.connectionId()));
        Map<String, Ledger.Applied> applied = ledger.applied(connections);
        Map<String, Ledger.Staged> staged = ledger.staged(connections);

        List<String> lost = new ArrayList<>();
        List<String> otherData = new ArrayList<>();
        List<String> halfApplied = new ArrayList<>();
        Set<String> sent = new HashSet<>();
        int acknowledged = 0;
        int accepted = 0;
        int duplicates = 0;
        int appliedOnce = 0;
        for (WebhookFlood.Message message : messages) {
            sent.add(message.id);
            Ledger.Applied record = applied.get(message.id);
            if (message.acknowledged()) {
                acknowledged++;
                if (message.acknowledgedWith() == 202) {
                    accepted++;
                } else {
                    duplicates++;
                }
                if (record == null) {
                    lost.add(message.id);
                    continue;
                }
                if (!carries(record, message)) {
                    otherData.add(message.id + " -> " + record.data() + " v" + record.version());
                    continue;
                }
                appliedOnce++;
            } else {
                // never acknowledged: nothing of it, or all of it
                boolean isStaged = staged.containsKey(message.id);
                if (isStaged != (record != null)) {
                    halfApplied.add(message.id + (isStaged ? " staged, not applied" : " applied, not staged"));
                }
            }
        }
        List<String> halfStaged = staged.values().stream()
                .filter(s -> s.recordCount() != s.stagedRecords())
                .map(s -> s.messageId() + " says " + s.recordCount() + " records, has " + s.stagedRecords())
                .toList();
        List<String> foreign = applied.keySet().stream()
                .filter(id -> !sent.contains(id))
                .sorted()
                .toList();
        return new FloodVerdict(
                messages.size(),
                (int) flood.attempts().count(),
                acknowledged,
                accepted,
                duplicates,
                appliedOnce,
                List.copyOf(lost),
                List.copyOf(otherData),
                List.copyOf(halfApplied),
                List.copyOf(halfStaged),
                List.copyOf(foreign),
                ledger.unlinkedCoreRecords(tenantId, ENTITY),
                flood.answers());
    }

    /** The record is the message's: its id and number, written once (an identical re-apply changes nothing). */
    private static boolean carries(Ledger.Applied record, WebhookFlood.Message message) {
        JsonNode data = JSON.readTree(record.data());
        return data.path("id").asString().equals(message.id)
                && data.path("n").asInt(-1) == message.n
                && record.version() == 1;
    }

    /** The promise: every message answered 2xx is in the core store once, and nothing else is, or half of it. */
    void checkEveryAcknowledgedMessageAppliedOnce(SoftAssertions softly) {
        softly.assertThat(acknowledgedButNotApplied.size())
                .as(
                        "messages answered 2xx but never applied (of %d acknowledged), e.g. %s",
                        acknowledged, preview(acknowledgedButNotApplied))
                .isZero();
        softly.assertThat(appliedWithOtherData.size())
                .as("acknowledged messages whose record holds other data, e.g. %s", preview(appliedWithOtherData))
                .isZero();
        softly.assertThat(unacknowledgedHalfApplied.size())
                .as("unacknowledged messages half applied, e.g. %s", preview(unacknowledgedHalfApplied))
                .isZero();
        softly.assertThat(halfStaged.size())
                .as("messages staged without all their records, e.g. %s", preview(halfStaged))
                .isZero();
        softly.assertThat(appliedButNeverSent.size())
                .as("records of messages never sent, e.g. %s", preview(appliedButNeverSent))
                .isZero();
        softly.assertThat(unlinkedCoreRecords)
                .as("core records no identity link reaches (written twice or half)")
                .isZero();
    }

    /** Answers to valid deliveries that only a broken hub gives: 3xx (a login page) and 4xx refusals. */
    Map<String, Integer> refusalsAndRedirects() {
        Map<String, Integer> wrong = new TreeMap<>();
        answers.forEach((kind, count) -> {
            if (kind.startsWith("HTTP 3") || kind.startsWith("HTTP 4")) {
                wrong.put(kind, count);
            }
        });
        return wrong;
    }

    /** Every answer other than 2xx, by kind: failures (5xx), refused connections, answers that never came. */
    Map<String, Integer> failures() {
        Map<String, Integer> failed = new TreeMap<>();
        answers.forEach((kind, count) -> {
            if (!kind.startsWith("HTTP 2")) {
                failed.put(kind, count);
            }
        });
        return failed;
    }

    void report(Figures figures) {
        figures.note("messages sent", sent);
        figures.note("delivery attempts", attempts);
        figures.note("answers", answers);
        figures.note(
                "acknowledged (202 accepted + 200 duplicate)",
                acknowledged + " (" + accepted + " + " + duplicates + ")");
        figures.note("acknowledged and applied exactly once", applied);
        figures.note(
                "acknowledged but not applied",
                acknowledgedButNotApplied.size() + " " + preview(acknowledgedButNotApplied));
        if (!appliedWithOtherData.isEmpty()) {
            figures.note("applied with other data", appliedWithOtherData.size() + " " + preview(appliedWithOtherData));
        }
        if (!unacknowledgedHalfApplied.isEmpty() || !halfStaged.isEmpty() || !appliedButNeverSent.isEmpty()) {
            figures.note(
                    "half applied / half staged / never sent",
                    unacknowledgedHalfApplied.size() + " / " + halfStaged.size() + " / " + appliedButNeverSent.size());
        }
    }

    static String preview(List<String> all) {
        return all.isEmpty() ? "" : all.subList(0, Math.min(5, all.size())) + (all.size() > 5 ? " ..." : "");
    }
}
