package dev.spotrun.testkit;

import dev.spotrun.domain.LogStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Just enough of a POSIX shell for fake containers to run the commands tests write for real ones:
 * {@code sh -c 'echo out; echo err >&2; sleep 1; exit 3'}. Statements are separated by {@code ;},
 * {@code &&} or new lines; words are split on blanks with single and double quotes; {@code $NAME} and
 * {@code ${NAME}} expand from the container's environment. Commands: echo, printf (no formats), exit, sleep
 * (seconds or {@code infinity}), printenv, pwd, id -u, whoami, seq, trap '' TERM, true, false; anything
 * else fails with exit code 127 as a shell would.
 */
final class FakeShell {

    /** What a fake container does, in order. */
    sealed interface Step {
    }

    record Output(LogStream stream, byte[] bytes) implements Step {
    }

    /** A sleep; {@code null} duration sleeps until the container is stopped. */
    record Sleep(Duration duration) implements Step {
    }

    record Exit(int code) implements Step {
    }

    record IgnoreTerm() implements Step {
    }

    private final Map<String, String> env;
    private final String workdir;
    private final String user;
    /** The exit status of the last command, as {@code $?}. */
    private int status;

    FakeShell(Map<String, String> env, String workdir, String user) {
        this.env = env;
        this.workdir = workdir.isEmpty() ? "/" : workdir;
        this.user = user;
    }

    /** The steps of running {@code argv}; the last step is always an {@link Exit}. */
    List<Step> plan(List<String> argv) {
        List<Step> steps = new ArrayList<>();
        if (argv.size() >= 3 && (argv.get(0).equals("sh") || argv.get(0).endsWith("/sh")) && argv.get(1).equals("-c")) {
            script(argv.get(2), steps);
        } else if (!argv.isEmpty()) {
            command(argv, steps);
        }
        if (steps.isEmpty() || !(steps.get(steps.size() - 1) instanceof Exit)) {
            steps.add(new Exit(status));
        }
        return steps;
    }

    private void script(String script, List<Step> steps) {
        for (String statement : script.split(";|&&|\\n")) {
            List<String> words = words(statement.trim());
            if (words.isEmpty()) {
                continue;
            }
            if (command(words, steps)) {
                return;
            }
        }
    }

    /** Adds the steps of one command; returns true when the command ends the script. */
    private boolean command(List<String> words, List<Step> steps) {
        LogStream stream = LogStream.STDOUT;
        if (!words.isEmpty() && words.get(words.size() - 1).equals(">&2")) {
            stream = LogStream.STDERR;
            words = words.subList(0, words.size() - 1);
        }
        String name = words.get(0);
        List<String> args = words.subList(1, words.size());
        status = 0;
        switch (name) {
            case "echo" -> print(steps, stream, String.join(" ", args) + "\n");
            case "printf" -> print(steps, stream, String.join(" ", args).replace("\\n", "\n"));
            case "exit" -> {
                steps.add(new Exit(args.isEmpty() ? 0 : Integer.parseInt(args.get(0)) & 0xff));
                return true;
            }
            case "sleep" -> steps.add(new Sleep(args.get(0).equals("infinity") ? null
                    : Duration.ofMillis((long) (Double.parseDouble(args.get(0)) * 1000))));
            case "printenv" -> printenv(args, steps, stream);
            case "pwd" -> print(steps, stream, workdir + "\n");
            case "id", "whoami" -> print(steps, stream, (user.isEmpty() ? "0" : user.split(":")[0]) + "\n");
            case "seq" -> seq(args, steps, stream);
            case "trap" -> steps.add(new IgnoreTerm());
            case "true" -> status = 0;
            case "false" -> status = 1;
            default -> {
                print(steps, LogStream.STDERR, "sh: " + name + ": not found\n");
                steps.add(new Exit(127));
                return true;
            }
        }
        return false;
    }

    private void printenv(List<String> args, List<Step> steps, LogStream stream) {
        if (args.isEmpty()) {
            env.forEach((k, v) -> print(steps, stream, k + "=" + v + "\n"));
        } else if (env.containsKey(args.get(0))) {
            print(steps, stream, env.get(args.get(0)) + "\n");
        } else {
            status = 1;
        }
    }

    private void seq(List<String> args, List<Step> steps, LogStream stream) {
        long from = args.size() > 1 ? Long.parseLong(args.get(0)) : 1;
        long to = Long.parseLong(args.get(args.size() - 1));
        StringBuilder chunk = new StringBuilder();
        for (long i = from; i <= to; i++) {
            chunk.append(i).append('\n');
            if (chunk.length() > 8192) {
                print(steps, stream, chunk.toString());
                chunk.setLength(0);
            }
        }
        if (chunk.length() > 0) {
            print(steps, stream, chunk.toString());
        }
    }

    private static void print(List<Step> steps, LogStream stream, String text) {
        steps.add(new Output(stream, text.getBytes(StandardCharsets.UTF_8)));
    }

    private List<String> words(String statement) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < statement.length(); i++) {
            char c = statement.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '$' && quote == '"') {
                    i = expand(statement, i, word);
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else if (c == '$') {
                i = expand(statement, i, word);
                inWord = true;
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    /** Expands {@code $NAME} or {@code ${NAME}} at {@code i}; returns the index of its last character. */
    private int expand(String s, int i, StringBuilder into) {
        int start = i + 1;
        boolean braced = start < s.length() && s.charAt(start) == '{';
        int from = braced ? start + 1 : start;
        int end = from;
        while (end < s.length() && (Character.isLetterOrDigit(s.charAt(end)) || s.charAt(end) == '_')) {
            end++;
        }
        if (end == from) {
            into.append('$');
            return i;
        }
        into.append(env.getOrDefault(s.substring(from, end), ""));
        return braced ? end : end - 1;
    }
}
