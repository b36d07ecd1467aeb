@NullMarked
package io.patchbay.tenancy.internal;

import org.jspecify.annotations.NullMarked;
