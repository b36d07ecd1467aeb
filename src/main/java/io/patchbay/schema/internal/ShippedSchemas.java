package io.patchbay.schema.internal;

import io.patchbay.schema.Compatibility;
import io.patchbay.schema.JsonSchemas;
import io.patchbay.schema.SchemaChange;
import io.patchbay.schema.SchemaSubject;
import io.patchbay.schema.SchemaVersion;
import io.patchbay.schema.SubjectKind;
import io.patchbay.schema.VersionStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The subjects shipped under {@code classpath:schemas/<subject>/}: a {@code subject.yaml} naming the subject's kind,
 * compatibility mode and versions, and one {@code v<n>.json} per version. Each version is checked against the one
 * before it under the subject's mode: a shipped schema that breaks its promise is a bug in the build, and stops it.
 */
public final class ShippedSchemas {

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private ShippedSchemas() {}

    /** Every shipped subject, by name. */
    public static List<SchemaSubject> load() {
        return load("classpath*:schemas/*/subject.yaml");
    }

    /** The subjects whose {@code subject.yaml} files match {@code pattern}; tests point it at their own. */
    public static List<SchemaSubject> load(String pattern) {
        try {
            Resource[] files = new PathMatchingResourcePatternResolver().getResources(pattern);
            List<SchemaSubject> subjects = new ArrayList<>();
            for (Resource file : files) {
                subjects.add(subject(file));
            }
            subjects.sort(Comparator.comparing(SchemaSubject::name));
            return List.copyOf(subjects);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SchemaSubject subject(Resource file) throws IOException {
        SubjectFile declared;
        try (InputStream in = file.getInputStream()) {
            declared = YAML.readValue(in, SubjectFile.class);
        } catch (JacksonException e) {
            throw new IllegalStateException(file + ": " + e.getOriginalMessage(), e);
        }
        String name = declared.subject();
        List<SchemaVersion> versions = new ArrayList<>();
        for (int i = 0; i < declared.versions().size(); i++) {
            VersionEntry entry = declared.versions().get(i);
            if (entry.version() != i + 1) {
                throw new IllegalStateException(name + ": versions must count up from 1 without gaps; found "
                        + entry.version() + " at " + (i + 1));
            }
            Resource schemaFile = file.createRelative("v" + entry.version() + ".json");
            JsonNode schema;
            try (InputStream in = schemaFile.getInputStream()) {
                schema = JSON.readTree(in);
            } catch (IOException e) {
                throw new IllegalStateException(
                        name + " version " + entry.version() + ": cannot read " + schemaFile, e);
            }
            if (!JsonSchemas.schemaProblems(schema).isEmpty()) {
                throw new IllegalStateException(name + " version " + entry.version() + " is not a JSON Schema: "
                        + JsonSchemas.schemaProblems(schema));
            }
            JsonSchemas.compile(schema);
            versions.add(SchemaVersion.shipped(name, entry.version(), schema, entry.notes(), status(entry.status())));
        }
        if (versions.isEmpty()) {
            throw new IllegalStateException(name + " has no versions");
        }
        Compatibility mode = declared.compatibility() == null
                ? Compatibility.BACKWARD
                : Compatibility.valueOf(declared.compatibility().toUpperCase(Locale.ROOT));
        for (int i = 1; i < versions.size(); i++) {
            List<SchemaChange> refused = mode.refused(SchemaComparison.between(
                    versions.get(i - 1).schema(), versions.get(i).schema()));
            if (!refused.isEmpty()) {
                throw new IllegalStateException(name + " version " + (i + 1) + " is not "
                        + mode.label().toLowerCase(Locale.ROOT) + " compatible with version " + i + ": "
                        + refused.stream().map(SchemaChange::description).collect(Collectors.joining("; ")));
            }
        }
        return new SchemaSubject(
                name,
                SubjectKind.valueOf(declared.kind().toUpperCase(Locale.ROOT)),
                declared.title(),
                declared.description(),
                mode,
                versions);
    }

    private static VersionStatus status(@Nullable String status) {
        return status == null
                ? VersionStatus.ACTIVE
                : VersionStatus.valueOf(status.toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    record SubjectFile(
            String subject,
            String kind,
            String title,
            String description,
            @Nullable String compatibility,
            List<VersionEntry> versions) {}

    record VersionEntry(int version, String notes, @Nullable String status) {}
}
