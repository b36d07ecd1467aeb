package io.patchbay.sync;

import org.jspecify.annotations.Nullable;

/** A run as its own page shows it: the run, and where it started and got to in its stream (checkpoints as JSON). */
public record RunDetail(
        Run run,
        @Nullable String checkpointBefore,
        @Nullable String checkpointAfter) {}
