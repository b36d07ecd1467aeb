package io.patchbay.catalog;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.patchbay.base.Plurals;
import io.patchbay.base.YamlLines;
import io.patchbay.catalog.TemplateSource.TemplateDocument;
import io.patchbay.catalog.internal.templates.TemplateFiles;
import io.patchbay.catalog.internal.templates.TemplateLibraryRepository;
import io.patchbay.mapping.Mappings;
import io.patchbay.tenancy.CurrentTenant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Every template a setup can start from: the shipped ones (under resources, or contributed by a module) and those
 * solutions engineers build. A built template has a draft, edited as YAML and checked on every save, and versions,
 * published with release notes and never changed after. Connections remember the version they were made from.
 *
 * @see <a href="../../../../../../docs/adr/0012-templates-belong-to-the-operator.md">ADR 12</a>
 */
@Service
public class TemplateLibrary {

    static final String ENGINEER = "hasRole('SOLUTIONS_ENGINEER')";
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{2,62}");

    private final ConnectorCatalog catalog;
    private final Mappings mappings;
    private final TemplateLibraryRepository library;
    private final ApplicationEventPublisher events;
    private final TemplateUsage usage;
    /** Published versions never change: each is parsed once per node. */
    private final Cache<String, Template> published =
            Caffeine.newBuilder().maximumSize(10_000).build();

    TemplateLibrary(
            ConnectorCatalog catalog,
            Mappings mappings,
            TemplateLibraryRepository library,
            ApplicationEventPublisher events,
            TemplateUsage usage) {
        this.usage = usage;
        this.catalog = catalog;
        this.mappings = mappings;
        this.library = library;
        this.events = events;
    }

    /**
     * The newest version of every template the current tenant may start from: shipped ones first, then the built ones
     * offered to it (to every tenant, or to it by name), not retired, by name.
     */
    @Transactional(readOnly = true)
    public List<Template> gallery() {
        List<Template> all = new ArrayList<>(catalog.templates());
        library.latestVersions(CurrentTenant.require()).stream()
                .map(this::parsePublished)
                .sorted(Comparator.comparing(Template::name))
                .forEach(all::add);
        return all;
    }

    /** The newest published version of a template. */
    @Transactional(readOnly = true)
    public Optional<Template> latest(String id) {
        Optional<Template> shipped = catalog.template(id);
        if (shipped.isPresent()) {
            return shipped;
        }
        List<String> versions = library.versions(id);
        return versions.isEmpty() ? Optional.empty() : Optional.of(parsePublished(versions.getLast()));
    }

    /**
     * The newest published version of a template the current tenant may start a setup from: a shipped one, or a built
     * one offered to it and not retired. Empty for any other, as if it did not exist.
     */
    @Transactional(readOnly = true)
    public Optional<Template> offered(String id) {
        return offered(id, CurrentTenant.require());
    }

    /** The newest published version of a template that tenant may start a setup from. */
    @Transactional(readOnly = true)
    public Optional<Template> offered(String id, io.patchbay.tenancy.TenantId tenant) {
        if (shipped(id)) {
            return catalog.template(id);
        }
        return library.offeredTo(id, tenant) ? latest(id) : Optional.empty();
    }

    /** One published version of a template. */
    @Transactional(readOnly = true)
    public Optional<Template> find(String id, int version) {
        Optional<Template> shipped = catalog.template(id, version);
        if (shipped.isPresent()) {
            return shipped;
        }
        Template cached = published.getIfPresent(id + "@" + version);
        if (cached != null) {
            return Optional.of(cached);
        }
        return library.version(id, version).map(this::parsePublished);
    }

    /** Every published version of a template, oldest first. */
    @Transactional(readOnly = true)
    public List<Template> versions(String id) {
        List<Template> shipped = catalog.versions(id);
        if (!shipped.isEmpty()) {
            return shipped;
        }
        return library.versions(id).stream().map(this::parsePublished).toList();
    }

    /** Whether a template is one the product or a module ships (read-only), not one engineers built. */
    public boolean shipped(String id) {
        return !catalog.versions(id).isEmpty();
    }

    /** The template as a YAML document in the template format (config as code). */
    public String yaml(Template template) {
        return TemplateFiles.render(template);
    }

    /** What changes from one version of a template to another, for the person deciding to upgrade. */
    public List<TemplateChange> diff(Template from, Template to) {
        return TemplateChange.between(from, to);
    }

    /** A draft read as the template it would publish: what its name and description say, for review. */
    @PreAuthorize(ENGINEER)
    public Template parse(TemplateDraft draft) {
        return TemplateFiles.parse(new TemplateDocument(draft.id(), draft.yaml()));
    }

    /** The built templates' drafts, by name. */
    @PreAuthorize(ENGINEER)
    @Transactional(readOnly = true)
    public List<TemplateDraft> drafts() {
        return library.drafts();
    }

    @PreAuthorize(ENGINEER)
    @Transactional(readOnly = true)
    public Optional<TemplateDraft> draft(String id) {
        return library.draft(id);
    }

    /**
     * Starts a built template whose draft is {@code start} (its id and name; version 1 to come).
     *
     * @throws InvalidTemplateException naming what is wrong: an id that is taken or malformed, or the template check
     */
    @PreAuthorize(ENGINEER)
    @Transactional
    public TemplateDraft create(Template start) {
        if (!ID.matcher(start.id()).matches()) {
            throw new InvalidTemplateException(
                    "id", 0, "use 3 to 63 lower-case letters, digits and dashes, starting with a letter or digit");
        }
        if (start.name().isBlank() || start.name().length() > 80) {
            throw new InvalidTemplateException("name", 0, "give the template a name of 1 to 80 characters");
        }
        if (shipped(start.id())) {
            throw new InvalidTemplateException("id", 0, "'" + start.id() + "' is a shipped template's id");
        }
        Template first = start.withVersion(1, start.releaseNotes());
        check(first.id(), TemplateFiles.render(first), first);
        if (!library.insert(first.id(), first.name(), TemplateFiles.render(first), CurrentTenant.actor())) {
            throw new InvalidTemplateException("id", 0, "there is a template '" + start.id() + "' already");
        }
        audit("template.created", first.id(), Map.of("name", first.name(), "connector", first.connector()));
        return library.draft(first.id()).orElseThrow();
    }

    /**
     * Starts a built template from a YAML document in the template format (a template exported from here, or from
     * another Patchbay): its draft is the document, as version 1 of the id it names.
     *
     * @throws InvalidTemplateException naming the line of what is wrong, or an id that is taken
     */
    @PreAuthorize(ENGINEER)
    @Transactional
    public TemplateDraft importYaml(String yaml) {
        return create(TemplateFiles.parse(new TemplateDocument("the pasted template", yaml)));
    }

    /**
     * Saves a draft after checking it as a whole (format, connector, settings, mapping).
     *
     * @throws InvalidTemplateException naming the line of the first problem
     * @throws StaleTemplateException when someone saved the draft since {@code revision}
     */
    @PreAuthorize(ENGINEER)
    @Transactional
    public TemplateDraft saveDraft(String id, int revision, String yaml) {
        Template template = TemplateFiles.parse(new TemplateDocument(id, yaml));
        if (!template.id().equals(id)) {
            throw new InvalidTemplateException(
                    id, YamlLines.lineOf(yaml, "id"), "the id is " + id + " and cannot change; copy it instead");
        }
        check(id, yaml, template);
        if (!library.saveDraft(id, revision, template.name(), yaml)) {
            throw new StaleTemplateException();
        }
        audit("template.draft_saved", id, Map.of("revision", String.valueOf(revision + 1)));
        return library.draft(id).orElseThrow();
    }

    /**
     * Publishes the draft as the next version, with release notes; the draft goes on as the one after.
     *
     * @throws InvalidTemplateException when the notes are missing or the draft does not pass the check
     * @throws StaleTemplateException when someone saved the draft since {@code revision}
     */
    @PreAuthorize(ENGINEER)
    @Transactional
    public Template publish(String id, int revision, String releaseNotes, TemplateAudience audience) {
        String notes = releaseNotes == null ? "" : releaseNotes.strip();
        if (notes.length() < 3) {
            throw new InvalidTemplateException(id, 0, "say what this version changes (release notes)");
        }
        if (!audience.everyone() && audience.tenants().isEmpty()) {
            throw new InvalidTemplateException(id, 0, "choose the tenants it is for, or offer it to every tenant");
        }
        TemplateDraft draft =
                library.lockDraft(id).orElseThrow(() -> new InvalidTemplateException(id, 0, "no such template"));
        if (draft.revision() != revision) {
            throw new StaleTemplateException();
        }
        Template version =
                TemplateFiles.parse(new TemplateDocument(id, draft.yaml())).withVersion(draft.published() + 1, notes);
        String yaml = TemplateFiles.render(version);
        check(id, yaml, version);
        library.insertVersion(id, version.version(), yaml, notes, CurrentTenant.actor());
        library.offerTo(id, audience);
        Template next = version.withVersion(version.version() + 1, "");
        library.saveDraft(id, revision, next.name(), TemplateFiles.render(next));
        audit(
                "template.published",
                id,
                Map.of(
                        "version",
                        String.valueOf(version.version()),
                        "notes",
                        notes,
                        "offered to",
                        audience.everyone()
                                ? "every tenant"
                                : audience.tenants().size() + " chosen tenants"));
        return version;
    }

    /**
     * Takes a built template out of every gallery; its versions stay, for history and for what was made from them.
     *
     * @throws InvalidTemplateException for a shipped template, or one that connections are made from
     */
    @PreAuthorize(ENGINEER)
    @Transactional
    public void retire(String id) {
        if (shipped(id)) {
            throw new InvalidTemplateException(id, 0, "a shipped template cannot be retired");
        }
        int using = usage.connectionsUsing(id);
        if (using > 0) {
            throw new InvalidTemplateException(
                    id,
                    0,
                    Plurals.count(using, "connection is", "connections are")
                            + " made from it: it can be retired once none is");
        }
        if (!library.retire(id, CurrentTenant.actor())) {
            throw new InvalidTemplateException(id, 0, "it is retired already");
        }
        audit("template.retired", id, Map.of());
    }

    private void audit(String action, String id, Map<String, String> details) {
        events.publishEvent(new TemplateChanged(CurrentTenant.home(), CurrentTenant.actor(), action, id, details));
    }

    private void check(String id, String yaml, Template template) {
        List<String> problems = new TemplateCheck(catalog, mappings).problems(template);
        if (!problems.isEmpty()) {
            String first = problems.getFirst();
            throw new InvalidTemplateException(
                    id, YamlLines.lineOfPath(yaml, first.substring(0, Math.max(0, first.indexOf(':')))), first);
        }
    }

    private Template parsePublished(String yaml) {
        Template template = TemplateFiles.parse(new TemplateDocument("template library", yaml));
        published.put(template.reference(), template);
        return template;
    }
}
