@NullMarked
package io.patchbay.sandbox.ui;

import org.jspecify.annotations.NullMarked;
