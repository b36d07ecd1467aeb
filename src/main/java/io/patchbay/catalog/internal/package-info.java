@NullMarked
package io.patchbay.catalog.internal;

import org.jspecify.annotations.NullMarked;
