@NullMarked
package io.patchbay.observability.ui;

import org.jspecify.annotations.NullMarked;
