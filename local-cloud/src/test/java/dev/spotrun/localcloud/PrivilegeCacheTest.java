package dev.spotrun.localcloud;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivilegeCacheTest {

    @TempDir
    Path dir;

    @Test
    void anAnswerIsRememberedPerEngineAcrossInstancesAsAnotherProcessWouldReadIt() {
        PrivilegeCache.in(dir.resolve("spotrun")).remember("ENGINE-A", false);
        PrivilegeCache.in(dir.resolve("spotrun")).remember("ENGINE-B", true);

        PrivilegeCache later = PrivilegeCache.in(dir.resolve("spotrun"));
        assertThat(later.privilegedWorks("ENGINE-A")).isFalse();
        assertThat(later.privilegedWorks("ENGINE-B")).isTrue();
        assertThat(later.privilegedWorks("ENGINE-C")).as("another engine is asked again").isNull();
    }

    @Test
    void aMissingCorruptOrUnreadableFileMeansTryAgain() throws Exception {
        PrivilegeCache cache = PrivilegeCache.in(dir);
        assertThat(cache.privilegedWorks("ENGINE-A")).as("no file").isNull();

        Files.write(dir.resolve(PrivilegeCache.FILE), new byte[] {(byte) 0xff, 0, '\\', 'u', 'x', 'y'});
        assertThat(cache.privilegedWorks("ENGINE-A")).as("corrupt").isNull();

        Files.writeString(dir.resolve(PrivilegeCache.FILE), "ENGINE-A=perhaps\n");
        assertThat(cache.privilegedWorks("ENGINE-A")).as("an unknown answer").isNull();

        Files.delete(dir.resolve(PrivilegeCache.FILE));
        Files.createDirectory(dir.resolve(PrivilegeCache.FILE));
        assertThat(cache.privilegedWorks("ENGINE-A")).as("unreadable: a directory").isNull();
    }

    @Test
    void aCorruptFileIsReplacedByAWholeNewOneAndNoTemporaryFileIsLeft() throws Exception {
        Files.write(dir.resolve(PrivilegeCache.FILE), "\\u12".getBytes(StandardCharsets.ISO_8859_1));

        PrivilegeCache.in(dir).remember("ENGINE-A", false);

        assertThat(PrivilegeCache.in(dir).privilegedWorks("ENGINE-A")).isFalse();
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly(PrivilegeCache.FILE);
        }
    }

    @Test
    void aCacheThatCannotBeWrittenIsOnlyNotRemembered() throws Exception {
        Path readOnly = Files.createDirectory(dir.resolve("ro"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("r-xr-xr-x")));
        Path blocked = Files.writeString(dir.resolve("a-file"), "not a directory");

        PrivilegeCache.in(blocked.resolve("spotrun")).remember("ENGINE-A", false);
        assertThat(PrivilegeCache.in(blocked.resolve("spotrun")).privilegedWorks("ENGINE-A")).isNull();
        PrivilegeCache.in(readOnly).remember("ENGINE-A", false);
        if (!readOnly.toFile().canWrite()) {
            assertThat(PrivilegeCache.in(readOnly).privilegedWorks("ENGINE-A")).isNull();
        }
    }

    @Test
    void noCacheRemembersNothingAndABlankEngineIdIsNeverKept() {
        PrivilegeCache.none().remember("ENGINE-A", false);
        assertThat(PrivilegeCache.none().privilegedWorks("ENGINE-A")).isNull();
        assertThat(PrivilegeCache.none().enabled()).isFalse();

        PrivilegeCache.in(dir).remember("", false);
        assertThat(Files.exists(dir.resolve(PrivilegeCache.FILE))).isFalse();
    }
}
