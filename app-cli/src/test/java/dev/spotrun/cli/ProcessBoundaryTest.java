package dev.spotrun.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md, style 6: configuration enters only through the command line, and only the command line writes to
 * the process's streams. Inside it, only the entry point ({@link Main}) and {@link CallerEnvironment} touch the
 * process, so that every command can be run in a test with streams and an environment of the test's own.
 */
class ProcessBoundaryTest {

    private static JavaClasses spotrun;

    @BeforeAll
    static void importClasses() {
        spotrun = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.spotrun");
        assertThat(spotrun.stream().map(c -> c.getPackageName()).distinct())
                .contains("dev.spotrun.cli", "dev.spotrun.domain.run", "dev.spotrun.aws", "dev.spotrun.docker");
    }

    private static ArchRule touchesTheProcess(com.tngtech.archunit.lang.syntax.elements.ClassesShould should) {
        return should.callMethod(System.class, "getenv")
                .orShould().callMethod(System.class, "getenv", String.class)
                .orShould().callMethod(System.class, "getProperty", String.class)
                .orShould().callMethod(System.class, "getProperty", String.class, String.class)
                .orShould().accessField(System.class, "out")
                .orShould().accessField(System.class, "err")
                .orShould().callMethod(System.class, "exit", int.class);
    }

    @Test
    void nothingOutsideTheCommandLineReadsTheEnvironmentOrWritesToTheConsole() {
        touchesTheProcess(noClasses().that().resideOutsideOfPackage("dev.spotrun.cli..").should()).check(spotrun);
    }

    @Test
    void insideTheCommandLineOnlyMainAndCallerEnvironmentDo() {
        touchesTheProcess(noClasses().that().resideInAPackage("dev.spotrun.cli..")
                .and().doNotHaveSimpleName("Main").and().doNotHaveSimpleName("CallerEnvironment")
                .and().doNotHaveSimpleName("VersionProvider")
                .should()).check(spotrun);
    }
}
