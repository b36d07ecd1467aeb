package io.patchbay.connection;

import io.patchbay.catalog.Template;
import io.patchbay.catalog.spi.ConnectorConfig;
import io.patchbay.catalog.spi.PushedRecord;
import io.patchbay.catalog.spi.ReadContext;
import io.patchbay.catalog.spi.ReadPage;
import io.patchbay.catalog.spi.SourceRecord;
import io.patchbay.connection.internal.ConnectionRepository;
import io.patchbay.mapping.InvalidMappingException;
import io.patchbay.mapping.MappedRecord;
import io.patchbay.mapping.Mapping;
import io.patchbay.mapping.Mappings;
import io.patchbay.mapping.TransformHelp;
import io.patchbay.schema.SchemaRegistry;
import io.patchbay.schema.SchemaSubject;
import io.patchbay.validation.RecordRules;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * A connection's mapping, edited against live records: samples are read from the source (the first page, nothing
 * written), the expression is applied to each as it is typed, and a mapping is saved only if it compiles and gives,
 * in at least one sample, every field the entity requires. A connection keeps its template's mapping until one is
 * saved for it.
 */
@Service
public class ConnectionMappings {

    /** How many records the editor shows. */
    public static final int SAMPLES = 20;

    private final ConnectionService setup;
    private final ConnectionRepository connections;
    private final ConnectionStore store;
    private final InboundService inbound;
    private final Mappings mappings;
    private final MappingCompiler compiler;
    private final SchemaRegistry schemas;
    private final Guardrails guardrails;
    private final CoreRecordSamples coreRecords;

    ConnectionMappings(
            ConnectionService setup,
            ConnectionRepository connections,
            ConnectionStore store,
            InboundService inbound,
            Mappings mappings,
            MappingCompiler compiler,
            SchemaRegistry schemas,
            Guardrails guardrails,
            CoreRecordSamples coreRecords) {
        this.setup = setup;
        this.connections = connections;
        this.store = store;
        this.inbound = inbound;
        this.mappings = mappings;
        this.compiler = compiler;
        this.schemas = schemas;
        this.guardrails = guardrails;
        this.coreRecords = coreRecords;
    }

    /** The mapping the connection uses now, the entity it maps to (or from), and what its output must be. */
    public CurrentMapping current(Connection connection) {
        Template template = setup.requireTemplate(connection);
        String stream = template.streamFor(connection.stream());
        String entity = template.entityFor(stream);
        Optional<SchemaSubject> subject = schemas.subject(entity);
        JsonNode target = template.destination()
                ? compiler.accepts(template, stream)
                : subject.map(s -> s.latest().schema()).orElse(null);
        return new CurrentMapping(
                entity,
                connection.mappingOr(template),
                connection.mapping() != null,
                template.mapping(),
                subject,
                template.destination() ? stream : null,
                target);
    }

    /**
     * Up to {@link #SAMPLES} records from the source, read as a first sync would read them, with no transaction open;
     * nothing is written and no checkpoint moves.
     *
     * @throws io.patchbay.catalog.spi.ConnectorException when the source cannot be read (classified, with a fix)
     */
    @PreAuthorize(ConnectionService.SETUP)
    public List<SourceRecord> samples(ConnectionId id) {
        return samples(id, SAMPLES);
    }

    /**
     * Up to {@code limit} records of the source's first page (of what was pushed, for a pushed connector); for a
     * destination, the newest core records of the entity it writes.
     */
    @PreAuthorize(ConnectionService.SETUP)
    public List<SourceRecord> samples(ConnectionId id, int limit) {
        ConnectionStore.Stored stored = store.read(id);
        Connection connection = stored.connection();
        Template template = setup.requireTemplate(connection);
        String stream = template.streamFor(connection.stream());
        if (template.destination()) {
            return coreRecords.samples(template.entityFor(stream), limit);
        }
        if (stream == null) {
            return List.of();
        }
        ConnectorConfig config = store.configure(stored);
        String correlation = "preview-" + UUID.randomUUID().toString().substring(0, 8);
        ReadPage page = store.connector(connection).read(config, stream, null, new ReadContext() {
            @Override
            public String correlationId() {
                return correlation;
            }

            @Override
            public boolean cancelled() {
                return false;
            }

            @Override
            public void throttled(Duration waited) {}

            @Override
            public List<PushedRecord> pushed(PushedRecord.Position after, int max) {
                return inbound.pushed(id, after, Math.min(max, limit));
            }
        });
        return page.records().stream().limit(limit).toList();
    }

    /**
     * The expression applied to each sample and checked as a sync checks it (the entity's schema, then the
     * template's rules but for references, which need the core store), or where it does not compile.
     */
    public MappingPreview preview(Connection connection, String expression, List<SourceRecord> samples) {
        return previewing(connection, expression, samples).get();
    }

    /**
     * {@link #preview} in two halves: what needs the connection and its template is read now, on the caller's
     * thread; the samples are mapped when the supplier is called (CPU only, within the mapping budget and the
     * preview's total time), on any thread, and an interrupted thread ends it with a
     * {@link java.util.concurrent.CancellationException}.
     */
    public Supplier<MappingPreview> previewing(Connection connection, String expression, List<SourceRecord> samples) {
        CurrentMapping current = current(connection);
        Template template = setup.requireTemplate(connection);
        Mapping mapping;
        try {
            mapping = compiler.compile(template, connection.stream(), expression);
        } catch (InvalidMappingException e) {
            return () -> new MappingPreview(e, List.of(), List.of());
        }
        // the template's rules are about the entity's fields: what a destination is sent is held to its schema
        var rules = template.destination() ? null : new RecordRules(template.validation());
        var preview =
                new SamplesPreview(mapping, rules, current, mappings.budget().previewTime());
        return () -> preview.of(samples);
    }

    /**
     * Saves the connection's own mapping; a blank one goes back to the template's. The next sync uses it.
     *
     * @throws InvalidSetupException {@code mapping} when it does not compile (with line and column), gives no
     *     sample a field the entity requires, or makes no sample fit the schema (a wrong type, say)
     * @throws StaleConnectionException when someone changed the connection since {@code version}
     */
    @PreAuthorize(ConnectionService.SETUP)
    public Connection save(ConnectionId id, int version, @Nullable String expression, List<SourceRecord> samples) {
        Connection connection = store.read(id).connection();
        String own = expression == null || expression.isBlank() ? null : expression.strip();
        CurrentMapping current = current(connection);
        if (own != null) {
            MappingPreview preview = preview(connection, own, samples);
            if (preview.error() != null) {
                throw new InvalidSetupException("mapping", preview.error().getMessage());
            }
            if (!preview.dropped().isEmpty()) {
                throw new InvalidSetupException(
                        "mapping",
                        "The mapping gives no sample record " + String.join(", ", preview.dropped()) + ", which every "
                                + current.output() + " needs. Map a field to it.");
            }
            if (preview.fitsNone()) {
                throw new InvalidSetupException(
                        "mapping",
                        "No sample record fits the " + current.output() + " schema as the mapping makes it, e.g. "
                                + preview.samples()
                                        .getFirst()
                                        .mapped()
                                        .problems()
                                        .getFirst()
                                        .reason()
                                + ". Fix the mapping: saved like this, every record would wait in quarantine.");
            }
        }
        return store.write(id, version, now -> {
            if (!now.isDraft()) {
                guardrails.requireMet(guardrails.violations(now, now.settings(), now.scheduleMinutes(), own), id);
            }
            connections.updateMapping(id, own);
            setup.publishChange(
                    id,
                    "connection.mapping_changed",
                    Map.of(
                            "mapping", own == null ? "(the template's)" : own,
                            "mapping.before", now.mapping() == null ? "(the template's)" : now.mapping()));
            return store.current(id);
        });
    }

    /** The transforms mappings may call, for the editor's help. */
    public List<TransformHelp> transforms() {
        return mappings.transforms();
    }

    /** Required fields of the output that no sample's output has: the mapping drops them. */
    /**
     * The mapping a connection uses.
     *
     * @param expression the JSLT expression; null when records are copied as they are
     * @param own whether it is the connection's own, not its template's
     * @param templates the template's expression, to go back to
     * @param destination for a destination, the stream its output is written to; null for a source
     * @param target the JSON Schema its output must meet: the entity's newest, or what a destination's stream accepts
     */
    public record CurrentMapping(
            String entity,
            @Nullable String expression,
            boolean own,
            @Nullable String templates,
            Optional<SchemaSubject> subject,
            @Nullable String destination,
            @Nullable JsonNode target) {

        /** The entity as people name it ("contact"). */
        public String title() {
            return subject.map(s -> s.title().toLowerCase(java.util.Locale.ROOT))
                    .orElse(entity);
        }

        /** What the output is, as people name it: "contact", or "record sent to contacts". */
        public String output() {
            return destination == null ? title() : "record sent to " + destination;
        }
    }

    /** One sample: the source record, and what the mapping makes of it (with its problems). */
    public record Sample(SourceRecord source, MappedRecord mapped) {}

    /**
     * @param error where the expression does not compile; null when it does
     * @param dropped required fields no sample's output has
     */
    public record MappingPreview(@Nullable InvalidMappingException error, List<Sample> samples, List<String> dropped) {

        public long invalid() {
            return samples.stream().filter(s -> !s.mapped().valid()).count();
        }

        /** Samples there are and none fits: the mapping, not the data, is wrong. */
        public boolean fitsNone() {
            return !samples.isEmpty() && invalid() == samples.size();
        }
    }
}
