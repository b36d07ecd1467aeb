@NullMarked
package io.patchbay.schema.internal;

import org.jspecify.annotations.NullMarked;
