/** The quarantine, in the browser: records syncs could not apply, to fix and reprocess or discard. */
@NullMarked
package io.patchbay.sync.ui;

import org.jspecify.annotations.NullMarked;
