@NullMarked
package io.patchbay.connection.ui;

import org.jspecify.annotations.NullMarked;
