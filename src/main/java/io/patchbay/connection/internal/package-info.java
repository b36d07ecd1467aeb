@NullMarked
package io.patchbay.connection.internal;

import org.jspecify.annotations.NullMarked;
