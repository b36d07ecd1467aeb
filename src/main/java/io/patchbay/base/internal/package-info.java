@NullMarked
package io.patchbay.base.internal;

import org.jspecify.annotations.NullMarked;
