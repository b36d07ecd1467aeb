@NullMarked
package io.patchbay.security.internal;

import org.jspecify.annotations.NullMarked;
