@NullMarked
package io.patchbay.catalog.internal.templates;

import org.jspecify.annotations.NullMarked;
