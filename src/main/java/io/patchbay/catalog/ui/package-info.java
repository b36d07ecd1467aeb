@NullMarked
package io.patchbay.catalog.ui;

import org.jspecify.annotations.NullMarked;
