package dev.threadmark.gate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Each side of an A/B built from its own commit: a detached git worktree per commit under
 * {@code <ab dir>/worktrees/<sha>}, built with {@code mvn package -DskipTests}, its
 * {@code cli/target/threadmark.jar} the side's sweep. A worktree whose jar exists is reused, so an
 * A/B of the same two commits builds nothing the second time, and an A/B of a commit against
 * itself builds it once (both sides then run the same jar: the same code, by construction).
 */
final class Builds {
    private Builds() {}

    /** A built commit: its full sha, its worktree (the sweep's --project) and its jar. */
    record Build(String sha, Path worktree, Path jar) {}

    /** The full sha of {@code ref} in {@code project}; a ref git does not know is bad input. */
    static String resolve(Path project, String ref) throws IOException {
        Exec.Result r = Exec.run(project, List.of("git", "rev-parse", "--verify", "--quiet", ref + "^{commit}"));
        if (r.code() != 0 || r.out().isBlank()) {
            throw new IllegalArgumentException("git does not know the commit '" + ref + "' in " + project);
        }
        return r.out().strip();
    }

    static Build build(Path project, String sha, Path worktrees, Appendable log) throws IOException {
        Path tree = worktrees.resolve(sha);
        Path jar = tree.resolve("cli/target/threadmark.jar");
        if (Files.isRegularFile(jar)) {
            log.append("reusing the build of ").append(sha, 0, 10).append(" (").append(jar.toString()).append(")\n");
            return new Build(sha, tree, jar);
        }
        Files.createDirectories(worktrees);
        if (Files.exists(tree)) { // a worktree whose build did not finish: start it again
            Exec.run(project, List.of("git", "worktree", "remove", "--force", tree.toString()));
            deleteRecursively(tree);
        }
        Exec.Result add = Exec.run(project, List.of("git", "worktree", "add", "--detach", "--force", tree.toString(), sha));
        if (add.code() != 0) {
            throw new IOException("git worktree add for " + sha + " failed: " + add.out());
        }
        log.append("building ").append(sha, 0, 10).append(" in ").append(tree.toString()).append(" (mvn package)\n");
        List<String> mvn = new ArrayList<>(List.of("mvn", "-q", "-B", "-Dstyle.color=never", "package", "-DskipTests"));
        Exec.Result built = Exec.run(tree, mvn);
        if (built.code() != 0 || !Files.isRegularFile(jar)) {
            Path buildLog = worktrees.resolve(sha + "-build.log");
            Files.writeString(buildLog, built.out(), StandardCharsets.UTF_8);
            throw new IOException("building " + sha + " failed (exit " + built.code() + "); its output: " + buildLog);
        }
        return new Build(sha, tree, jar);
    }

    /** Unregisters and deletes every worktree under {@code worktrees} (git keeps a record of each). */
    static void removeAll(Path project, Path worktrees) throws IOException {
        if (!Files.isDirectory(worktrees)) {
            return;
        }
        try (var dirs = Files.list(worktrees)) {
            for (Path tree : dirs.filter(Files::isDirectory).toList()) {
                Exec.run(project, List.of("git", "worktree", "remove", "--force", tree.toString()));
                deleteRecursively(tree);
            }
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var all = Files.walk(dir)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
