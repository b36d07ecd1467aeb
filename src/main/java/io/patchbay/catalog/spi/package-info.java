/** The connector SPI: the one contract every connector implements and the runtime calls. */
@NullMarked
@org.springframework.modulith.NamedInterface("spi")
package io.patchbay.catalog.spi;

import org.jspecify.annotations.NullMarked;
