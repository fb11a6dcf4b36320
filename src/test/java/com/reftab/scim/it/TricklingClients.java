package com.reftab.scim.it;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Many connections that each announce a large POST body and send one byte of it every period, all
 * driven by one thread. A connection the server closes is opened again at its next turn, so the
 * pressure lasts as long as the test does. Counts the connections opened and the statuses the
 * server answered before closing them.
 */
final class TricklingClients implements AutoCloseable {

    /** Where a connection sends its request, and with which token (null: none). */
    record Target(String path, String token) {
    }

    private final int port;
    private final List<Target> targets;
    private final SocketChannel[] channels;
    private final StringBuilder[] answers;
    private final ScheduledExecutorService driver = Executors.newSingleThreadScheduledExecutor();
    private final AtomicInteger opened = new AtomicInteger();
    private final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();

    TricklingClients(int port, List<Target> targets, int connections, Duration period) {
        this.port = port;
        this.targets = targets;
        this.channels = new SocketChannel[connections];
        this.answers = new StringBuilder[connections];
        long periodMillis = period.toMillis();
        for (int i = 0; i < connections; i++) {
            int slot = i;
            // Spread over the period, so the connections open and send at an even pace.
            driver.scheduleAtFixedRate(() -> turn(slot), periodMillis * i / connections, periodMillis, TimeUnit.MILLISECONDS);
        }
    }

    /** @return connections opened so far, reopened ones included */
    int opened() {
        return opened.get();
    }

    /** @return how many connections the server answered with each status before closing them */
    Map<Integer, Integer> statuses() {
        return statuses.entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get()));
    }

    private void turn(int slot) {
        SocketChannel channel = channels[slot];
        try {
            if (channel == null) {
                channels[slot] = open(slot);
                return;
            }
            if (readUntilClosed(slot, channel)) {
                reopen(slot);
                return;
            }
            channel.write(ByteBuffer.wrap(new byte[] {'x'}));
        } catch (IOException reset) {
            reopen(slot);
        }
    }

    private SocketChannel open(int slot) throws IOException {
        Target target = targets.get(slot % targets.size());
        SocketChannel channel = SocketChannel.open(new InetSocketAddress("localhost", port));
        channel.configureBlocking(false);
        String head = "POST " + target.path() + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/scim+json\r\n"
                + (target.token() == null ? "" : "Authorization: Bearer " + target.token() + "\r\n")
                + "Content-Length: 100000\r\n\r\n";
        channel.write(ByteBuffer.wrap(head.getBytes(StandardCharsets.US_ASCII)));
        answers[slot] = new StringBuilder();
        opened.incrementAndGet();
        return channel;
    }

    /** Reads what the server sent without waiting; true once it has closed the connection. */
    private boolean readUntilClosed(int slot, SocketChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(4096);
        int read;
        while ((read = channel.read(buffer)) > 0) {
            answers[slot].append(new String(buffer.array(), 0, read, StandardCharsets.ISO_8859_1));
            buffer.clear();
        }
        return read < 0;
    }

    private void reopen(int slot) {
        String answer = answers[slot] == null ? "" : answers[slot].toString();
        if (answer.startsWith("HTTP/1.1 ")) {
            statuses.computeIfAbsent(Integer.parseInt(answer.substring(9, 12)), status -> new AtomicInteger()).incrementAndGet();
        }
        closeQuietly(channels[slot]);
        channels[slot] = null;
        try {
            channels[slot] = open(slot);
        } catch (IOException refused) {
            // Tried again at the next turn.
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            // Closing anyway.
        }
    }

    @Override
    public void close() {
        driver.shutdownNow();
        try {
            driver.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (SocketChannel channel : channels) {
            closeQuietly(channel);
        }
    }
}
