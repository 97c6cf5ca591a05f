package dev.spotrun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Failures below the command line carry facts, and only the command line names its flags (Suggestions,
 * ProblemText): a string literal in the domain or an adapter that holds a flag is a hint in the wrong place,
 * and one that is wrong for a library user who has no flags.
 */
class FlagsStayInTheCommandLineTest {

    private static final List<String> MODULES = List.of("domain", "adapters-aws", "adapters-docker");
    private static final Pattern STRING = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"");
    private static final Pattern FLAG = Pattern.compile("(?<![\\w-])--[a-z][a-z-]+");
    private static final Pattern COMMENT = Pattern.compile("(?s)/\\*.*?\\*/|//[^\\n]*");

    @Test
    void noMessageBelowTheCommandLineNamesAFlag() throws IOException {
        List<String> found = new ArrayList<>();
        for (String module : MODULES) {
            Path root = Path.of("..", module, "src", "main", "java");
            assertThat(root).as("the sources of " + module).isDirectory();
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    String code = COMMENT.matcher(Files.readString(file, StandardCharsets.UTF_8)).replaceAll("");
                    Matcher literal = STRING.matcher(code);
                    while (literal.find()) {
                        if (FLAG.matcher(literal.group(1)).find()) {
                            found.add(root.relativize(file) + ": \"" + literal.group(1) + "\"");
                        }
                    }
                }
            }
        }
        assertThat(found).isEmpty();
    }
}
