package io.patchbay;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** What the module test cannot say: how the layers inside a module use each other. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.patchbay");

    @Test
    void viewsNeverTouchTheDatabase() {
        noClasses()
                .that()
                .resideInAPackage("..ui..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.jooq..", "io.patchbay.db..")
                .because("views call services; services call repositories")
                .check(CLASSES);
    }

    @Test
    void viewsNeverCallRepositories() {
        noClasses()
                .that()
                .resideInAPackage("..ui..")
                .should()
                .dependOnClassesThat()
                .areAnnotatedWith(Repository.class)
                .check(CLASSES);
    }

    @Test
    void repositoriesRequireTheCallersTransaction() {
        classes()
                .that()
                .areAnnotatedWith(Repository.class)
                .should()
                .beAnnotatedWith(Transactional.class)
                .andShould(new com.tngtech.archunit.lang.ArchCondition<>("use Propagation.MANDATORY") {
                    @Override
                    public void check(
                            com.tngtech.archunit.core.domain.JavaClass item,
                            com.tngtech.archunit.lang.ConditionEvents events) {
                        var propagation =
                                item.getAnnotationOfType(Transactional.class).propagation();
                        if (propagation != Propagation.MANDATORY) {
                            events.add(com.tngtech.archunit.lang.SimpleConditionEvent.violated(
                                    item, item.getName() + " uses " + propagation));
                        }
                    }
                })
                .check(CLASSES);
    }

    @Test
    void onlyRepositoriesUseJooq() {
        noClasses()
                .that()
                .areNotAnnotatedWith(Repository.class)
                .and()
                .resideOutsideOfPackage("io.patchbay.db..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.patchbay.db..")
                .because("tables are reached through their module's repository")
                .check(CLASSES);
    }

    @Test
    void onlyTheSyncRuntimeResolvesConnectionsWithTheirSecrets() {
        noClasses()
                .that()
                .resideOutsideOfPackages("io.patchbay.sync..", "io.patchbay.connection")
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName("io.patchbay.connection.ConnectionRuntime")
                .because("a resolved connection holds secrets in clear, for a run and nothing else")
                .check(CLASSES);
    }

    @Test
    void noProductCodeNamesTheSandbox() {
        noClasses()
                .that()
                .resideOutsideOfPackage("io.patchbay.sandbox..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.patchbay.sandbox..")
                .because("the sandbox contributes through the catalog's TemplateSource and SetupAssist, and production "
                        + "runs without it")
                .check(CLASSES);
    }
}
