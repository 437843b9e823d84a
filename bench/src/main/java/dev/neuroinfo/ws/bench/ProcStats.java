package dev.neuroinfo.ws.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the kernel knows about a server process and its children (nginx's worker): CPU time from
 * /proc/PID/stat and memory from /proc/PID/smaps_rollup; for a JVM also the live heap via jcmd.
 */
final class ProcStats {
    /** USER_HZ; 100 on every Linux we run on (getconf CLK_TCK). */
    static final long TICKS_PER_SECOND = 100;
    private static final Pattern HEAP_USED = Pattern.compile("(?:generation|heap)\\s+total \\d+K, used (\\d+)K");

    private ProcStats() {
    }

    /** Resident and proportional set size in KiB, summed over the process tree. */
    record Memory(long rssKb, long pssKb) {
    }

    /** The process and its descendants. */
    static List<Long> tree(long pid) {
        List<Long> pids = new ArrayList<>();
        pids.add(pid);
        ProcessHandle.of(pid).ifPresent(p -> p.descendants().forEach(d -> pids.add(d.pid())));
        return pids;
    }

    /** utime + stime of the tree, in clock ticks. */
    static long cpuTicks(long pid) {
        return tree(pid).stream().mapToLong(ProcStats::ticks).sum();
    }

    /**
     * utime + stime of the process's JIT compiler threads (HotSpot's {@code C1/C2 CompilerThread}s),
     * in clock ticks; 0 for a process that has none. A step's share of it says how much of the
     * JVM's CPU per delivery was still its compiler rather than the work measured.
     */
    static long compilerTicks(long pid) {
        long sum = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks) {
                try {
                    String stat = Files.readString(task.resolve("stat"), StandardCharsets.US_ASCII);
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
                        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        sum += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    }
                } catch (IOException | RuntimeException e) {
                    // the thread ended between listing and reading
                }
            }
        } catch (IOException e) {
            return sum; // the process ended
        }
        return sum;
    }

    private static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"), StandardCharsets.US_ASCII);
            // Fields after the command name, which is in parentheses and may contain spaces.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return 0; // the process ended between listing and reading
        }
    }

    static Memory memory(long pid) {
        long rss = 0;
        long pss = 0;
        for (long p : tree(pid)) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/" + p + "/smaps_rollup"))) {
                    if (line.startsWith("Rss:")) {
                        rss += kb(line);
                    } else if (line.startsWith("Pss:")) {
                        pss += kb(line);
                    }
                }
            } catch (IOException | RuntimeException e) {
                // the process ended between listing and reading
            }
        }
        return new Memory(rss, pss);
    }

    private static long kb(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }

    /**
     * Heap in use after a full GC (KiB), via jcmd; -1 when jcmd fails. Sums the generations:
     * pinned to one CPU the JVM picks the serial collector (young + tenured), otherwise G1 (one heap).
     */
    static long liveHeapKb(long pid) {
        try {
            jcmd(pid, "GC.run");
            Matcher m = HEAP_USED.matcher(jcmd(pid, "GC.heap_info"));
            long used = -1;
            while (m.find()) {
                used = Math.max(used, 0) + Long.parseLong(m.group(1));
            }
            return used;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("jcmd", Long.toString(pid), command).redirectErrorStream(true).start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("jcmd timed out");
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    /**
     * CPU ticks of this JVM alone (the generator, not the servers it started), to tell when the
     * generator itself is saturated.
     */
    static long selfCpuTicks() {
        return ticks(ProcessHandle.current().pid());
    }
}
