package io.patchbay.connection;

import io.patchbay.catalog.Template;
import io.patchbay.catalog.spi.SourceRecord;
import io.patchbay.connection.ConnectionMappings.CurrentMapping;
import io.patchbay.connection.ConnectionMappings.MappingPreview;
import io.patchbay.connection.internal.ValidationReportRepository;
import io.patchbay.mapping.MappedRecord;
import io.patchbay.schema.SchemaVersion;
import io.patchbay.schema.VersionStatus;
import io.patchbay.tenancy.CurrentTenant;
import io.patchbay.validation.RecordRules;
import io.patchbay.validation.ReferenceLookup;
import io.patchbay.validation.ValidationRules;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The setup's Validate step, and the check activation makes: a dry run on the first records the source gives (up to
 * {@value #SAMPLE} of them, nothing written) through the connection's mapping, its entity's schema and its template's
 * rules, references looked up in the core store, beside the guardrails the setup breaks. Each report is kept.
 */
@Service
public class ConnectionValidation {

    public static final int SAMPLE = 100;

    private final ConnectionService setup;
    private final ConnectionMappings mappings;
    private final Guardrails guardrails;
    private final ReferenceLookup references;
    private final ValidationReportRepository reports;
    private final TransactionTemplate tx;

    ConnectionValidation(
            ConnectionService setup,
            ConnectionMappings mappings,
            Guardrails guardrails,
            ReferenceLookup references,
            ValidationReportRepository reports,
            TransactionTemplate tx) {
        this.setup = setup;
        this.mappings = mappings;
        this.guardrails = guardrails;
        this.references = references;
        this.reports = reports;
        this.tx = tx;
    }

    /**
     * Runs the dry run on the connection as it is saved now, and keeps the report.
     *
     * @throws io.patchbay.catalog.spi.ConnectorException when the source cannot be read (classified, with a fix)
     */
    @PreAuthorize(ConnectionService.SETUP)
    public ValidationReport validate(ConnectionId id) {
        Connection connection =
                setup.find(id).orElseThrow(() -> new InvalidSetupException("id", "No such connection."));
        Template template = setup.requireTemplate(connection);
        CurrentMapping current = mappings.current(connection);
        List<SourceRecord> samples = mappings.samples(id, SAMPLE);
        MappingPreview preview =
                mappings.preview(connection, current.expression() == null ? "" : current.expression(), samples);
        List<String> notes = new ArrayList<>();
        List<ValidationReport.RecordVerdict> verdicts = new ArrayList<>();
        List<String> missing = new ArrayList<>(preview.dropped());
        if (preview.error() != null) {
            missing.add("the mapping does not compile: " + preview.error().getMessage());
        } else {
            // the preview checked the schema and the batch's rules; references are looked up here
            List<MappedRecord> checked = new RecordRules(template.validation())
                    .withReferences(
                            preview.samples().stream()
                                    .map(ConnectionMappings.Sample::mapped)
                                    .toList(),
                            references);
            checked.forEach(record -> verdicts.add(new ValidationReport.RecordVerdict(
                    record.externalId(),
                    record.problems().stream().map(p -> p.reason()).toList())));
        }
        current.subject().ifPresent(subject -> {
            SchemaVersion latest = subject.latest();
            if (latest.status() != VersionStatus.ACTIVE) {
                notes.add("The " + subject.title() + " schema v" + latest.version() + " is "
                        + latest.status().label().toLowerCase(Locale.ROOT) + ": records are checked against it "
                        + "until its successor is published.");
            }
        });
        if (samples.isEmpty()) {
            notes.add(
                    template.destination()
                            ? "There are no core " + current.title() + " records to try yet: each is checked before it"
                                    + " is sent."
                            : "The source gave no records to try: the first sync checks each as it comes.");
        }
        List<String> broken = guardrails.violations(connection).stream()
                .map(v -> v.message() + " (rule " + v.rule() + ")")
                .toList();
        int invalid = (int) verdicts.stream().filter(v -> !v.valid()).count();
        double allowed = template.validation().quarantineAbovePercent();
        double share = verdicts.isEmpty() ? 0 : 100.0 * invalid / verdicts.size();
        boolean passed = missing.isEmpty() && share <= allowed;
        String verdict = verdict(passed, missing, verdicts.size(), invalid, share, allowed);
        var report = new ValidationReport(
                id,
                connection.version(),
                passed,
                verdict,
                verdicts.size(),
                invalid,
                allowed,
                missing,
                notes,
                broken,
                verdicts,
                CurrentTenant.actor(),
                Instant.now());
        tx.executeWithoutResult(s -> reports.insert(report));
        return report;
    }

    /** The newest report of the connection, to reopen. */
    @PreAuthorize(ConnectionService.OPERATE)
    public Optional<ValidationReport> newest(ConnectionId id) {
        return tx.execute(s -> reports.newest(id));
    }

    private static String verdict(
            boolean passed, List<String> missing, int sampled, int invalid, double share, double allowed) {
        if (!missing.isEmpty()) {
            return "The mapping is not complete: " + String.join("; ", missing) + ".";
        }
        if (sampled == 0) {
            return "Nothing to try yet; the mapping is complete.";
        }
        String counts =
                String.format(Locale.ROOT, "%d of %d sample records are invalid (%.1f %%)", invalid, sampled, share);
        if (passed) {
            return invalid == 0
                    ? "All " + sampled + " sample records are valid."
                    : counts + ", within the " + ValidationRules.percent(allowed)
                            + " % the template allows: runs quarantine them for you to fix.";
        }
        return counts + ", more than the " + ValidationRules.percent(allowed)
                + " % the template allows. Fix the mapping or the records where they come from, then validate again.";
    }
}
