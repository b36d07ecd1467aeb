@NullMarked
package io.patchbay.sandbox.internal;

import org.jspecify.annotations.NullMarked;
