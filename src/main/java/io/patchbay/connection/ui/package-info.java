/**
 * The setup screens, and the panel other views embed to take a connection's pushed data (its webhook URL, file
 * uploads and what arrived).
 */
@NullMarked
@org.springframework.modulith.NamedInterface("ui")
package io.patchbay.connection.ui;

import org.jspecify.annotations.NullMarked;
