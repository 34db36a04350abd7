package dev.helpdesk.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Runs {@code jcmd} against one of the stack's JVMs (Flight Recorder, thread dumps) and fails when jcmd does. */
final class Jcmd {

    private Jcmd() {
    }

    static String run(long pid, String... command) throws Exception {
        List<String> line = new ArrayList<>(List.of("jcmd", Long.toString(pid)));
        line.addAll(List.of(command));
        Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("jcmd " + String.join(" ", command) + " failed: " + output);
        }
        System.out.println("[jcmd] " + pid + " " + String.join(" ", command) + ": " + output);
        return output;
    }
}
