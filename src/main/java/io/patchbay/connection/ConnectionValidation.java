package io.patchbay.connection;

import io.patchbay.base.Plurals;
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
    private final WholeReads wholeReads;

    ConnectionValidation(
            ConnectionService setup,
            ConnectionMappings mappings,
            Guardrails guardrails,
            ReferenceLookup references,
            ValidationReportRepository reports,
            TransactionTemplate tx,
            WholeReads wholeReads) {
        this.wholeReads = wholeReads;
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
        Connection connection = require(id);
        Template template = setup.requireTemplate(connection);
        CurrentMapping current = mappings.current(connection);
        List<SourceRecord> samples = mappings.samples(id, SAMPLE);
        MappingPreview preview =
                mappings.preview(connection, current.expression() == null ? "" : current.expression(), samples);
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
        List<String> notes = new ArrayList<>();
        String read;
        if (samples.isEmpty()) {
            read = "Nothing: " + (template.destination() ? "no core records yet." : "the source gave no records.");
            notes.add(
                    template.destination()
                            ? "There are no core " + current.title() + " records to try yet: each is checked before it"
                                    + " is sent."
                            : "The source gave no records to try: the first sync checks each as it comes.");
        } else if (template.destination()) {
            read = Plurals.count(
                            samples.size(),
                            "newest core " + current.title() + " record",
                            "newest core " + current.title() + " records")
                    + ".";
        } else {
            read = "A sample: the first " + Plurals.count(samples.size(), "record", "records")
                    + " the source gives, the oldest changes first.";
            notes.add("Records changed since are not in the sample: Validate everything reads every record the"
                    + " source gives, writing nothing.");
        }
        int invalid = (int) verdicts.stream().filter(v -> !v.valid()).count();
        return keep(
                connection,
                template,
                current,
                read,
                notes,
                missing,
                verdicts.size(),
                invalid,
                verdicts,
                "sample ",
                CurrentTenant.actor());
    }

    /**
     * Queues Validate everything: a run that reads every record the source gives through the mapping and the checks,
     * writing nothing; its report is kept when it ends ({@link #keepWholeRead}). Returns the run, or the one already
     * waiting or reading.
     *
     * @throws InvalidSetupException for a destination, whose records are the core store's
     */
    @PreAuthorize(ConnectionService.SETUP)
    public WholeReads.WholeRead validateEverything(ConnectionId id) {
        Connection connection = require(id);
        if (setup.requireTemplate(connection).destination()) {
            throw new InvalidSetupException(
                    "id",
                    "A destination sends core records: Validate tries its newest ones, and each is checked before it"
                            + " is sent.");
        }
        return wholeReads.start(id);
    }

    /** The connection's newest read of everything, to show how far it got. */
    @PreAuthorize(ConnectionService.OPERATE)
    public Optional<WholeReads.WholeRead> newestWholeRead(ConnectionId id) {
        return wholeReads.newest(id);
    }

    /**
     * Keeps the report of a run that read everything: called by that run when it ends, as the tenant, with what it
     * found ({@code invalid} of them; {@code listed} the first of those, with why).
     */
    public ValidationReport keepWholeRead(
            ConnectionId id, String correlationId, int read, int invalid, List<ValidationReport.RecordVerdict> listed) {
        Connection connection = require(id);
        Template template = setup.requireTemplate(connection);
        CurrentMapping current = mappings.current(connection);
        List<String> notes = new ArrayList<>();
        if (listed.size() < invalid) {
            notes.add("The first " + listed.size() + " of the " + invalid + " invalid records are listed.");
        }
        String what = "Every record the source gives (" + Plurals.count(read, "record", "records") + "), read by run "
                + correlationId + ".";
        return keep(connection, template, current, what, notes, List.of(), read, invalid, listed, "", "Patchbay");
    }

    private ValidationReport keep(
            Connection connection,
            Template template,
            CurrentMapping current,
            String read,
            List<String> notes,
            List<String> missing,
            int checked,
            int invalid,
            List<ValidationReport.RecordVerdict> verdicts,
            String recordsAre,
            String by) {
        List<String> allNotes = new ArrayList<>(notes);
        current.subject().ifPresent(subject -> {
            SchemaVersion latest = subject.latest();
            if (latest.status() != VersionStatus.ACTIVE) {
                allNotes.add("The " + subject.title() + " schema v" + latest.version() + " is "
                        + latest.status().label().toLowerCase(Locale.ROOT) + ": records are checked against it "
                        + "until its successor is published.");
            }
        });
        List<String> broken = guardrails.violations(connection).stream()
                .map(v -> v.message() + " (rule " + v.rule() + ")")
                .toList();
        double allowed = template.validation().quarantineAbovePercent();
        double share = checked == 0 ? 0 : 100.0 * invalid / checked;
        boolean passed = missing.isEmpty() && share <= allowed;
        var report = new ValidationReport(
                connection.id(),
                connection.version(),
                passed,
                verdict(passed, missing, checked, invalid, share, allowed, recordsAre),
                read,
                checked,
                invalid,
                allowed,
                missing,
                allNotes,
                broken,
                verdicts,
                by,
                Instant.now());
        tx.executeWithoutResult(s -> reports.insert(report));
        return report;
    }

    private Connection require(ConnectionId id) {
        return setup.find(id).orElseThrow(() -> new InvalidSetupException("id", "No such connection."));
    }

    /** The newest report of the connection, to reopen. */
    @PreAuthorize(ConnectionService.OPERATE)
    public Optional<ValidationReport> newest(ConnectionId id) {
        return tx.execute(s -> reports.newest(id));
    }

    private static String verdict(
            boolean passed,
            List<String> missing,
            int checked,
            int invalid,
            double share,
            double allowed,
            String recordsAre) {
        if (!missing.isEmpty()) {
            return "The mapping is not complete: " + String.join("; ", missing) + ".";
        }
        if (checked == 0) {
            return "Nothing to try yet; the mapping is complete.";
        }
        String counts = String.format(
                Locale.ROOT, "%d of %d %srecords are invalid (%.1f %%)", invalid, checked, recordsAre, share);
        if (passed) {
            return invalid == 0
                    ? (checked == 1
                            ? "The " + recordsAre + "record is valid."
                            : "All " + checked + " " + recordsAre + "records are valid.")
                    : counts + ", within the " + ValidationRules.percent(allowed)
                            + " % the template allows: runs quarantine them for you to fix.";
        }
        return counts + ", more than the " + ValidationRules.percent(allowed)
                + " % the template allows. Fix the mapping or the records where they come from, then validate again.";
    }
}
