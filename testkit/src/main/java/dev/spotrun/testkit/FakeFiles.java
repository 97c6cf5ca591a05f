package dev.spotrun.testkit;

import dev.spotrun.domain.Artifact;
import dev.spotrun.domain.ArtifactReport;
import dev.spotrun.domain.CopyIn;
import dev.spotrun.domain.CopyTally;
import dev.spotrun.domain.failure.EngineRejected;
import dev.spotrun.domain.files.Extraction;
import dev.spotrun.domain.files.LocalTree;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The file system of a fake container: what copies put in and artifacts take out, as harsh as Docker's archive
 * API. A copy into a directory that does not exist is refused, as is a directory over a file; a path that does
 * not exist is {@link ArtifactReport#missing() missing}. It starts with the directories every container has.
 */
final class FakeFiles {

    private enum Kind { DIRECTORY, FILE, SYMLINK }

    private record Node(Kind kind, int mode, byte[] content, String target) {
    }

    private final NavigableMap<String, Node> nodes = new TreeMap<>();

    FakeFiles() {
        for (String dir : List.of("/", "/bin", "/dev", "/etc", "/proc", "/sys")) {
            nodes.put(dir, new Node(Kind.DIRECTORY, 0755, new byte[0], ""));
        }
    }

    synchronized CopyTally copyIn(CopyIn copy, Consumer<CopyTally> progress) {
        String parent = copy.parent();
        Node at = nodes.get(parent);
        if (at == null || at.kind() != Kind.DIRECTORY) {
            throw new EngineRejected("Could not find the file " + parent + " in container: no such directory", null);
        }
        Map<String, Node> staged = new TreeMap<>();
        long[] tally = {0, 0};
        LocalTree.walkUnchecked(copy, entry -> {
            String path = join(parent, entry.name());
            Node before = nodes.get(path);
            Kind kind = Kind.valueOf(entry.kind().name());
            if (before != null && (before.kind() == Kind.DIRECTORY) != (kind == Kind.DIRECTORY)) {
                throw new EngineRejected("cannot overwrite " + (kind == Kind.DIRECTORY ? "non-directory " + path
                        + " with directory" : "directory " + path + " with non-directory"), null);
            }
            byte[] content = kind == Kind.FILE ? Files.readAllBytes(entry.path()) : new byte[0];
            staged.put(path, new Node(kind, entry.mode(), content, entry.target()));
            tally[0]++;
            tally[1] += content.length;
            progress.accept(new CopyTally(tally[0], tally[1]));
        });
        nodes.putAll(staged);
        return new CopyTally(tally[0], tally[1]);
    }

    synchronized ArtifactReport copyOut(Artifact artifact, boolean overwrite, Consumer<CopyTally> progress) {
        String path = trim(artifact.containerPath());
        if (!nodes.containsKey(path)) {
            return ArtifactReport.missing();
        }
        String name = path.substring(path.lastIndexOf('/') + 1);
        try {
            Extraction extraction = new Extraction(artifact.localDir(), overwrite, progress);
            for (Map.Entry<String, Node> e : subtree(path)) {
                String entry = name + e.getKey().substring(path.length());
                Node node = e.getValue();
                switch (node.kind()) {
                    case DIRECTORY -> extraction.directory(entry + "/", node.mode());
                    case FILE -> extraction.file(entry, node.mode(), new ByteArrayInputStream(node.content()));
                    case SYMLINK -> extraction.symlink(entry, node.target());
                }
            }
            return extraction.report();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Puts a file in, as the container's own program would have written it. */
    synchronized void write(String path, byte[] content) {
        String file = trim(path);
        for (int slash = file.indexOf('/', 1); slash > 0; slash = file.indexOf('/', slash + 1)) {
            nodes.putIfAbsent(file.substring(0, slash), new Node(Kind.DIRECTORY, 0755, new byte[0], ""));
        }
        nodes.put(file, new Node(Kind.FILE, 0644, content.clone(), ""));
    }

    /** Puts a link in, as the container's own program would have made it. */
    synchronized void link(String path, String target) {
        nodes.put(trim(path), new Node(Kind.SYMLINK, 0777, new byte[0], target));
    }

    /** The content of a file, or null when there is none. */
    synchronized byte[] read(String path) {
        Node node = nodes.get(trim(path));
        return node == null || node.kind() != Kind.FILE ? null : node.content().clone();
    }

    private List<Map.Entry<String, Node>> subtree(String path) {
        List<Map.Entry<String, Node>> entries = new ArrayList<>();
        entries.add(Map.entry(path, nodes.get(path)));
        if (nodes.get(path).kind() == Kind.DIRECTORY) {
            String prefix = path.equals("/") ? "/" : path + "/";
            nodes.tailMap(prefix, false).entrySet().stream().takeWhile(e -> e.getKey().startsWith(prefix))
                    .forEach(entries::add);
        }
        return entries;
    }

    private static String join(String parent, String name) {
        String trimmed = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        return parent.equals("/") ? "/" + trimmed : parent + "/" + trimmed;
    }

    private static String trim(String path) {
        String p = path;
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }
}
