@NullMarked
package io.patchbay.schema.ui;

import org.jspecify.annotations.NullMarked;
