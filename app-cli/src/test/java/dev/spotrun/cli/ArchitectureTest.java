package dev.spotrun.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The hexagon's walls (DESIGN.md, style 1 and 4): the domain depends on the JDK only, and each technology
 * stays in the module that owns it. Checks the main classes of every module.
 */
class ArchitectureTest {

    private static JavaClasses spotrun;

    @BeforeAll
    static void importClasses() {
        spotrun = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.spotrun");
    }

    @Test
    void everyModuleIsImported() {
        for (String pkg : new String[] {"dev.spotrun.domain", "dev.spotrun.aws", "dev.spotrun.docker", "dev.spotrun.localcloud",
                "dev.spotrun.testkit", "dev.spotrun.cli"}) {
            if (spotrun.stream().noneMatch(c -> c.getPackageName().startsWith(pkg))) {
                throw new AssertionError("no classes of " + pkg + " were imported: the rules below would prove nothing");
            }
        }
    }

    @Test
    void theDomainDependsOnTheJdkOnly() {
        classes().that().resideInAPackage("dev.spotrun.domain..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.spotrun.domain..", "java..")
                .check(spotrun);
    }

    @Test
    void awsSdkTypesStayInTheAwsAdapter() {
        noClasses().that().resideOutsideOfPackage("dev.spotrun.aws..")
                .should().dependOnClassesThat().resideInAPackage("software.amazon..")
                .check(spotrun);
    }

    @Test
    void dockerJavaTypesStayInTheDockerAdapterAndTheLocalCloud() {
        noClasses().that().resideOutsideOfPackages("dev.spotrun.docker..", "dev.spotrun.localcloud..")
                .should().dependOnClassesThat().resideInAPackage("com.github.dockerjava..")
                .check(spotrun);
    }

    @Test
    void guiceAndPicocliStayInTheCommandLine() {
        noClasses().that().resideOutsideOfPackage("dev.spotrun.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("com.google.inject..", "picocli..")
                .check(spotrun);
    }

    @Test
    void nothingDependsOnTestcontainers() {
        // The local cloud drives the local engine with docker-java itself; the testkit needs no container library.
        noClasses().should().dependOnClassesThat().resideInAPackage("org.testcontainers..")
                .check(spotrun);
    }

    /** What ships (the jar holds these modules) never needs the testkit or a test library to load. */
    @Test
    void noShippedModuleDependsOnTheTestkitOrATestLibrary() {
        noClasses().that().resideInAnyPackage("dev.spotrun.domain..", "dev.spotrun.aws..", "dev.spotrun.docker..",
                        "dev.spotrun.localcloud..", "dev.spotrun.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.spotrun.testkit..", "org.junit..",
                        "org.assertj..", "org.testcontainers..")
                .check(spotrun);
    }

    @Test
    void theLocalCloudKnowsNeitherAdapter() {
        noClasses().that().resideInAPackage("dev.spotrun.localcloud..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.spotrun.aws..", "dev.spotrun.docker..",
                        "dev.spotrun.cli..")
                .check(spotrun);
    }

    @Test
    void noClassIsNamedImpl() {
        noClasses().should().haveSimpleNameEndingWith("Impl").check(spotrun);
    }
}
