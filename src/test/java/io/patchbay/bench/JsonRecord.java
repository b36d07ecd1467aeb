package io.patchbay.bench;

/** A record as the baselines write it: its id at the source and its fields as JSON. */
record JsonRecord(String externalId, String json) {}
