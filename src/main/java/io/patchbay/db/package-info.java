/**
 * The jOOQ classes generated from the Liquibase schema (under target/generated-sources). Open to every module, but
 * only repositories use it (ArchitectureTest), and each module's repositories only its own tables.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Database schema",
        type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package io.patchbay.db;
