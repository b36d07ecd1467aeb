@NullMarked
package io.patchbay.catalog.internal.jdbc;

import org.jspecify.annotations.NullMarked;
