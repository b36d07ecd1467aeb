/** Connectors that are sent their data: signed webhooks and uploaded CSV files. */
@NullMarked
package io.patchbay.catalog.internal.push;

import org.jspecify.annotations.NullMarked;
