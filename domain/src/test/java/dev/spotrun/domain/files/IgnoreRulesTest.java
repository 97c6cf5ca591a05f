package dev.spotrun.domain.files;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IgnoreRulesTest {

    /** Rules (lines joined by '|'), a path, and whether Docker leaves it out of a build context. */
    @ParameterizedTest(name = "[{0}] {1} -> {2}")
    @CsvSource(delimiter = ';', value = {
            "*.log; a.log; true",
            "*.log; dir/a.log; false",
            "*/*.log; dir/a.log; true",
            "**/*.log; dir/sub/a.log; true",
            "**/*.log; a.log; true",
            "dir/**; dir/sub/a.txt; true",
            "dir/**; dir; false",
            "dir/**/x; dir/x; true",
            "dir/**/x; dir/a/b/x; true",
            "dir; dir/sub/a.txt; true",
            "/dir; dir/a; true",
            "./dir/; dir/a; true",
            "a?c; abc; true",
            "a?c; a/c; false",
            "[a-c].txt; b.txt; true",
            "[^a-c].txt; b.txt; false",
            "[^a-c].txt; d.txt; true",
            "\\*.txt; *.txt; true",
            "\\*.txt; a.txt; false",
            "a.txt; aXtxt; false",
            "a+b; a+b; true",
            "(x); (x); true",
            "*.md|!README.md; README.md; false",
            "*.md|!README.md; CHANGES.md; true",
            "!README.md|*.md; README.md; true",
            "*.md|!README.md|README*; README.md; true",
            "target|!target/keep.txt; target/keep.txt; false",
            "target|!target/keep.txt; target/other.txt; true",
            "# comment|secret; secret; true",
            "# comment|secret; # comment; false",
            "  spaced  ; spaced; true",
            "a/../b; b; true",
            "*; anything/deep/file; true",
            "**; a/b/c; true",
            "node_modules; src/node_modules; false",
            "**/node_modules; src/node_modules/x.js; true",
    })
    void matchesAsDocker(String rules, String path, boolean excluded) {
        IgnoreRules parsed = IgnoreRules.parse(rules.replace('|', '\n'));

        assertThat(parsed.excludes(path)).isEqualTo(excluded);
    }

    @ParameterizedTest
    @CsvSource({"a//b/, a/b", "./a, a", "a/./b/.., a", "/a/../.., /", "'', .", "../a, ../a"})
    void cleansAsGoDoes(String path, String cleaned) {
        assertThat(IgnoreRules.clean(path)).isEqualTo(cleaned);
    }
}
