@NullMarked
package io.patchbay.sync.internal;

import org.jspecify.annotations.NullMarked;
