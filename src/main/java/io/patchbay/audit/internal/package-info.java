@NullMarked
package io.patchbay.audit.internal;

import org.jspecify.annotations.NullMarked;
