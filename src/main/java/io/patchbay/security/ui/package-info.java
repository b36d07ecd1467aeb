@NullMarked
package io.patchbay.security.ui;

import org.jspecify.annotations.NullMarked;
