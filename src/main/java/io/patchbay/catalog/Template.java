package io.patchbay.catalog;

import io.patchbay.validation.IdentityRules;
import io.patchbay.validation.ValidationRules;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * One version of a preset every setup starts from: a connector, default settings, the stream to read, the mapping
 * into a core entity and a default schedule. A template without a stream lets the admin choose one at setup (a
 * database table, say); one without a mapping copies every field as it is.
 *
 * @param direction whether the stream's records become core records (a source), or core records of the entity are
 *     written to the stream (a destination, its mapping from the entity to what the stream accepts)
 * @param entity the core entity records become; the stream's name when null
 * @param mapping the JSLT expression that maps a stream record to the entity; null copies every field as it is
 * @param locked settings the customer sees but may not change: the template's value holds (a guardrail)
 * @param guardrails policy rules a connection made from it must meet, unless an exception was approved
 * @param validation rules its records must meet beyond the entity's schema, and how many may be quarantined
 * @param identity how its records find the core record they are, across the tenant's connections
 */
public record Template(
        String id,
        int version,
        String name,
        String description,
        String releaseNotes,
        String connector,
        @Nullable String stream,
        Direction direction,
        @Nullable String entity,
        @Nullable String mapping,
        ObjectNode defaultSettings,
        Set<String> locked,
        TemplateGuardrails guardrails,
        ValidationRules validation,
        IdentityRules identity,
        int defaultScheduleMinutes) {

    public Template {
        defaultSettings = defaultSettings.deepCopy();
        locked = Set.copyOf(locked);
    }

    /** This template as another version of itself. */
    public Template withVersion(int newVersion, String notes) {
        return new Template(
                id,
                newVersion,
                name,
                description,
                notes,
                connector,
                stream,
                direction,
                entity,
                mapping,
                defaultSettings,
                locked,
                guardrails,
                validation,
                identity,
                defaultScheduleMinutes);
    }

    /** Which way records go between the stream and the core store. */
    public enum Direction {
        /** The stream's records become core records. */
        SOURCE,
        /** Core records of the entity are written to the stream. */
        DESTINATION
    }

    public boolean destination() {
        return direction == Direction.DESTINATION;
    }

    /** The stream a connection made from it reads: the template's, or the one chosen at setup (null until then). */
    public @Nullable String streamFor(@Nullable String chosen) {
        return stream != null ? stream : chosen;
    }

    /** The core entity records of {@code stream} become: the template's, or the stream's name. */
    public String entityFor(@Nullable String stream) {
        return entity != null ? entity : String.valueOf(stream);
    }

    public boolean isLocked(String setting) {
        return locked.contains(setting);
    }

    @Override
    public ObjectNode defaultSettings() {
        return defaultSettings.deepCopy();
    }

    /** The template's id and version, as connections and messages name it: {@code sandbox-crm-contacts@1}. */
    public String reference() {
        return id + "@" + version;
    }
}
