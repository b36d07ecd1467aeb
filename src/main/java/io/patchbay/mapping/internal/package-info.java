@NullMarked
package io.patchbay.mapping.internal;

import org.jspecify.annotations.NullMarked;
