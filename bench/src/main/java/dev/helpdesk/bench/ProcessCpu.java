package dev.helpdesk.bench;

import dev.helpdesk.localstack.Stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time each process of the stack used (user + system, from {@code /proc/<pid>/stat}), so that a benchmark can say
 * how many CPU milliseconds one operation costs in each process, and how busy the machine's cores were: a metric,
 * measured in the same run, for where the time goes when the cores are saturated. PostgreSQL counts its postmaster
 * and every backend of the stack's server (found by its port), also those that exited since (reaped by the
 * postmaster); "benchmark client" is this JVM, the load generator.
 */
final class ProcessCpu {

    /** Linux reports process times in clock ticks of 1/100 s (USER_HZ) on every mainstream build. */
    private static final double MILLIS_PER_TICK = 10.0;
    private static final String CLIENT = "benchmark client";
    private static final String POSTGRES = "postgresql";

    private final Stack stack;
    private final int databasePort;

    ProcessCpu(Stack stack) {
        this.stack = stack;
        this.databasePort = stack.config().dbPort();
    }

    /** CPU milliseconds used so far, by process name. */
    Map<String, Double> snapshot() {
        Map<String, Double> millis = new LinkedHashMap<>();
        stack.pids().forEach((name, pid) -> millis.put(name, cpuMillis(pid)));
        millis.put(POSTGRES, postgresMillis());
        millis.put(CLIENT, cpuMillis(ProcessHandle.current().pid()));
        return millis;
    }

    /**
     * CPU milliseconds the JIT compiler threads ({@code C1/C2 CompilerThread*}) of the stack's JVMs and of this JVM used
     * so far: already counted in {@link #snapshot()}, reported apart to show whether a measurement paid for compiling.
     */
    double jitSnapshot() {
        double millis = stack.pids().values().stream().mapToDouble(ProcessCpu::compilerMillis).sum();
        return millis + compilerMillis(ProcessHandle.current().pid());
    }

    /** The JIT compiler threads' CPU milliseconds so far, by process name (the stack's JVMs). */
    Map<String, Double> jitByProcess() {
        Map<String, Double> millis = new LinkedHashMap<>();
        stack.pids().forEach((name, pid) -> millis.put(name, compilerMillis(pid)));
        return millis;
    }

    private static double compilerMillis(long pid) {
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        try (Stream<Path> threads = Files.list(tasks)) {
            return threads.filter(task -> threadName(task).contains("CompilerThre"))
                    .mapToDouble(task -> ticksToMillis(statFields(task.resolve("stat")))).sum();
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static String threadName(Path task) {
        try {
            return Files.readString(task.resolve("comm")).trim();
        } catch (IOException e) {
            return "";
        }
    }

    /** CPU milliseconds used between two snapshots, by process name. */
    static Map<String, Double> between(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> used = new LinkedHashMap<>();
        after.forEach((name, millis) -> used.put(name, millis - before.getOrDefault(name, 0.0)));
        return used;
    }

    /** Share of the machine's cores the processes kept busy over {@code wallSeconds}, in percent. */
    static long coresBusyPercent(Map<String, Double> used, double wallSeconds) {
        double total = used.values().stream().mapToDouble(Double::doubleValue).sum();
        return Math.round(100 * total / (wallSeconds * 1000 * Runtime.getRuntime().availableProcessors()));
    }

    private double postgresMillis() {
        String portArgument = "-p " + databasePort;
        double millis = 0;
        List<Long> postmasters = processes()
                .filter(pid -> commandLine(pid).contains("postgres") && commandLine(pid).contains(portArgument))
                .toList();
        for (long postmaster : postmasters) {
            // a backend that exits moves its CPU time into the postmaster's reaped-children times (cutime, cstime),
            // so the sum stays continuous while connections come and go
            String[] fields = statFields(postmaster);
            millis += ticksToMillis(fields);
            millis += fields == null ? 0 : (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) * MILLIS_PER_TICK;
            millis += processes().filter(pid -> parent(pid) == postmaster).mapToDouble(ProcessCpu::cpuMillis).sum();
        }
        return millis;
    }

    private static Stream<Long> processes() {
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            return entries.map(p -> p.getFileName().toString()).filter(n -> n.chars().allMatch(Character::isDigit))
                    .map(Long::parseLong).toList().stream();
        } catch (IOException e) {
            return Stream.empty();
        }
    }

    private static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"))).replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }

    /** Fields after the command name, which may itself hold spaces and parentheses. */
    private static String[] statFields(long pid) {
        return statFields(Path.of("/proc", Long.toString(pid), "stat"));
    }

    private static String[] statFields(Path statFile) {
        try {
            String stat = Files.readString(statFile);
            return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static long parent(long pid) {
        String[] fields = statFields(pid);
        return fields == null ? -1 : Long.parseLong(fields[1]);
    }

    private static double cpuMillis(long pid) {
        return ticksToMillis(statFields(pid));
    }

    private static double ticksToMillis(String[] fields) {
        if (fields == null) {
            return 0;
        }
        // fields[0] is the state (stat field 3); utime and stime are stat fields 14 and 15
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * MILLIS_PER_TICK;
    }
}
