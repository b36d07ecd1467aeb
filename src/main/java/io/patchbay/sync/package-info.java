/** Runs: the run queue, workers, checkpoints, the Quartz schedules that enqueue runs, and the core store. */
@NullMarked
@org.springframework.modulith.ApplicationModule(displayName = "Sync")
package io.patchbay.sync;

import org.jspecify.annotations.NullMarked;
