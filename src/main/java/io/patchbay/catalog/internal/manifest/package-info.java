@NullMarked
package io.patchbay.catalog.internal.manifest;

import org.jspecify.annotations.NullMarked;
