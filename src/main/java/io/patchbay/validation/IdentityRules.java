package io.patchbay.validation;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * How a template's records find the core record they are, across the tenant's connections: after the identity link
 * (the connection's own external id, always first), each match rule in order. The first rule that finds candidates
 * decides; with none, a record matches only its own earlier self. See ADR 15.
 */
public record IdentityRules(List<MatchRule> match) {

    /** Only the identity link: every external record is its own core record. */
    public static final IdentityRules NONE = new IdentityRules(List.of());

    public IdentityRules {
        match = List.copyOf(match);
    }

    public boolean none() {
        return match.isEmpty();
    }

    /** A record's keys, in the rules' order; rules it has no value for are left out. */
    public List<Key> keysOf(JsonNode record) {
        List<Key> keys = new ArrayList<>(match.size());
        for (MatchRule rule : match) {
            String value = rule.keyOf(record);
            if (value != null) {
                keys.add(new Key(rule, value));
            }
        }
        return keys;
    }

    /** The rules as a person reads them. */
    public String describe() {
        if (match.isEmpty()) {
            return "by the identity link only";
        }
        return "by the identity link, then "
                + String.join(", then ", match.stream().map(MatchRule::describe).toList());
    }

    /** A record's value on one rule, normalised. */
    public record Key(MatchRule rule, String value) {}
}
