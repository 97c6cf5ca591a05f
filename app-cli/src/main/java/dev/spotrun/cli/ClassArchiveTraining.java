package dev.spotrun.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Loads, without initializing them, the classes a job loads, so that a JVM started with
 * {@code -XX:ArchiveClassesAtExit} writes them into a class-data archive at its exit. The build runs it through
 * the launcher once the jar is made ({@code SPOTRUN_CDS=train ./spotrun}); later starts map the archive instead
 * of reading, parsing and laying out thousands of classes from the jar. It needs no cloud and runs nothing of
 * spotrun: the list of names was recorded from a real job ({@code scripts/cds-classlist.sh}); a name that no
 * longer loads (a class renamed since) is passed over.
 */
public final class ClassArchiveTraining {

    private ClassArchiveTraining() {
    }

    /** {@code args[0]}: a file of class names, one per line, with '/' or '.' between the packages. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: ClassArchiveTraining CLASS_LIST");
            System.exit(2);
        }
        List<String> names = Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8);
        ClassLoader loader = ClassArchiveTraining.class.getClassLoader();
        int loaded = 0;
        int passedOver = 0;
        for (String line : names) {
            String name = line.strip();
            if (name.isEmpty() || name.startsWith("#")) {
                continue;
            }
            try {
                Class.forName(name.replace('/', '.'), false, loader);
                loaded++;
            } catch (ClassNotFoundException | LinkageError gone) {
                passedOver++;
            }
        }
        System.out.println("loaded " + loaded + " classes for the archive; " + passedOver + " names passed over");
    }
}
