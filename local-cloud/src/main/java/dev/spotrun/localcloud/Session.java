package dev.spotrun.localcloud;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The process that made a local cloud's containers, as their {@link LocalCloud#SESSION_LABEL} names it: its pid
 * and start time, the boot of the kernel it ran on and its pid namespace, and the machine. A session is judged
 * dead only when that is certain from here: the same machine rebooted since, or the same boot and pid
 * namespace has no process of that pid with that start time. A session of another machine or namespace sharing
 * the engine (or one whose process cannot be seen) counts as alive, so its containers are never touched.
 *
 * @param machine      the machine's id ({@code /etc/machine-id}, else its host name), or ""
 * @param boot         the kernel's boot id, or "" where there is none to read
 * @param pidNamespace the pid namespace, e.g. {@code pid:[4026531836]}, or ""
 * @param pid          the process id
 * @param startMillis  when the process started, in epoch milliseconds, or -1 when unknown
 * @param startTicks   when the process started, in clock ticks since the boot ({@code /proc/PID/stat}), or -1
 *                     where there is none to read
 */
record Session(String machine, String boot, String pidNamespace, long pid, long startMillis, long startTicks) {

    /**
     * When a process started: in epoch milliseconds and in clock ticks since the boot, each -1 when unknown. On
     * Linux the JDK works the milliseconds out from the boot's wall-clock time, which moves whenever the clock
     * is set (a 5 s step was seen on a build machine): two processes may then disagree on a third's start in
     * milliseconds. The ticks come from the kernel's own count since the boot, which no clock setting moves.
     */
    record Start(long millis, long ticks) {
    }

    /** What is known of a process of this machine: its start when it exists. */
    interface Processes {
        /** Empty when no process has this pid; else when it started. */
        Optional<Start> startOf(long pid);

        static Processes ofThisMachine() {
            return pid -> ProcessHandle.of(pid).map(h -> new Start(
                    h.info().startInstant().map(Instant::toEpochMilli).orElse(-1L), ticksOf(pid)));
        }
    }

    private static final Session CURRENT = ofThisProcess();

    /** This process's session. */
    static Session current() {
        return CURRENT;
    }

    /**
     * The label value, e.g. {@code pid=42,start=1764620000123,ticks=81234,boot=...,pidns=pid:[4026531836],machine=...}.
     */
    String label() {
        return "pid=" + pid + ",start=" + startMillis + ",ticks=" + startTicks + ",boot=" + boot + ",pidns="
                + pidNamespace + ",machine=" + machine;
    }

    /** The session a label names, or null when it is not one. */
    static Session parse(String label) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String field : label.split(",")) {
            int eq = field.indexOf('=');
            if (eq > 0) {
                fields.put(field.substring(0, eq), field.substring(eq + 1));
            }
        }
        try {
            return new Session(fields.getOrDefault("machine", ""), fields.getOrDefault("boot", ""),
                    fields.getOrDefault("pidns", ""), Long.parseLong(fields.get("pid")),
                    Long.parseLong(fields.getOrDefault("start", "-1")), Long.parseLong(fields.getOrDefault("ticks", "-1")));
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Whether this session's process is certainly gone, as seen from {@code here} with {@code processes}. */
    boolean deadAsSeenFrom(Session here, Processes processes) {
        if (machine.isEmpty() || !machine.equals(here.machine)) {
            return false;
        }
        if (!boot.isEmpty() && !here.boot.isEmpty() && !boot.equals(here.boot)) {
            return true; // this machine rebooted since: every process of that boot ended
        }
        if (!boot.equals(here.boot) || !pidNamespace.equals(here.pidNamespace)) {
            return false;
        }
        Optional<Start> found = processes.startOf(pid);
        if (found.isEmpty()) {
            return true;
        }
        Start start = found.get();
        if (start.ticks() >= 0 && startTicks >= 0) {
            return start.ticks() != startTicks; // the pid was taken again by a later process
        }
        return start.millis() >= 0 && startMillis >= 0 && start.millis() != startMillis;
    }

    /** A process's start in clock ticks since the boot, field 22 of {@code /proc/PID/stat}; -1 where unknown. */
    static long ticksOf(long pid) {
        String stat = read("/proc/" + pid + "/stat");
        int end = stat.lastIndexOf(')'); // the command's name, in parentheses, may hold spaces
        if (end < 0) {
            return -1;
        }
        String[] fields = stat.substring(end + 1).trim().split(" ");
        try {
            return fields.length > 19 ? Long.parseLong(fields[19]) : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Session ofThisProcess() {
        ProcessHandle self = ProcessHandle.current();
        long start = self.info().startInstant().map(Instant::toEpochMilli).orElse(-1L);
        String machine = read("/etc/machine-id");
        if (machine.isEmpty()) {
            machine = hostName();
        }
        String namespace;
        try {
            namespace = Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString();
        } catch (IOException | UnsupportedOperationException e) {
            namespace = "";
        }
        return new Session(machine, read("/proc/sys/kernel/random/boot_id"), namespace, self.pid(), start,
                ticksOf(self.pid()));
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file)).strip();
        } catch (IOException e) {
            return "";
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "";
        }
    }
}
