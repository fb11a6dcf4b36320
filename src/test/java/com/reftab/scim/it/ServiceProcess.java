package com.reftab.scim.it;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.reftab.scim.ReftabScimApplication;

/**
 * The whole service as its own JVM, as an operator runs it (its H2 database and in-process broker
 * under a data directory), for tests that kill it or bound its memory. Its output goes to a log
 * file under the test's directory.
 */
final class ServiceProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private ServiceProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * @param workDir where the data directory and the log go; also the working directory, away from
     *                the project root, whose routes/ folder Camel's classpath scan would find a second time
     */
    static ServiceProcess start(Path workDir, List<String> jvmOptions, String logName, List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ReftabScimApplication.class.getName(),
                "--reftab.data-dir=" + workDir.resolve("data")));
        command.addAll(arguments);
        Path log = workDir.resolve(logName);
        try {
            Process process = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            return new ServiceProcess(process, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until a SCIM list answers with the token, failing with the end of the log if it does not. */
    ServiceProcess awaitReady(HttpCalls scim) {
        try {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .failFast("the service exited", () -> !process.isAlive())
                    .ignoreExceptions()
                    .until(() -> scim.get("/scim/v2/Users?count=0").status() == 200);
            return this;
        } catch (RuntimeException notReady) {
            throw new AssertionError("The service did not start; its log ends with:\n" + logTail(40), notReady);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Process process() {
        return process;
    }

    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String logTail(int lines) {
        List<String> all = log().lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /** Killed, as SIGKILL would: nothing of it runs its shutdown. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** Killed and waited for, so nothing of it still writes while its directory is removed. */
    @Override
    public void close() {
        try {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
