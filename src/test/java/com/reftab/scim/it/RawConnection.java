package com.reftab.scim.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * HTTP/1.1 over a plain socket, for what an HTTP client library will not send: a body that
 * trickles, stalls, or never ends. Polled from the test thread; nothing here waits on its own.
 */
final class RawConnection implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private ScheduledExecutorService trickle;
    private boolean closedByServer;

    RawConnection(int port) {
        try {
            socket = new Socket("localhost", port);
            socket.setSoTimeout(50);
            out = socket.getOutputStream();
            in = socket.getInputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends a request line and headers (JSON unless they say otherwise); the body, if any, is up to the caller. */
    RawConnection head(String method, String path, String token, String... headers) {
        StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: localhost\r\n");
        if (java.util.Arrays.stream(headers).noneMatch(header -> header.regionMatches(true, 0, "Content-Type:", 0, 13))) {
            head.append("Content-Type: application/scim+json\r\n");
        }
        if (token != null) {
            head.append("Authorization: Bearer ").append(token).append("\r\n");
        }
        for (String header : headers) {
            head.append(header).append("\r\n");
        }
        return send(head.append("\r\n").toString());
    }

    RawConnection send(String text) {
        return send(text.getBytes(StandardCharsets.UTF_8));
    }

    RawConnection send(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** One byte of body every {@code periodMillis}, from a thread of its own, until the server stops taking them. */
    RawConnection trickle(long periodMillis) {
        trickle = Executors.newSingleThreadScheduledExecutor();
        trickle.scheduleAtFixedRate(() -> {
            try {
                out.write('x');
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, 0, periodMillis, TimeUnit.MILLISECONDS);
        return this;
    }

    /** Reads what has arrived; true once the server has closed the connection. */
    boolean closedByServer() {
        pollInput();
        return closedByServer;
    }

    /** Reads what has arrived; true once a whole status line and headers are in. */
    boolean answered() {
        pollInput();
        return received().contains("\r\n\r\n");
    }

    int status() {
        String text = received();
        return text.startsWith("HTTP/1.1 ") ? Integer.parseInt(text.substring(9, 12)) : -1;
    }

    /** @return the value of a header of the (first) answer, or null */
    String header(String name) {
        String text = received();
        int end = text.indexOf("\r\n\r\n");
        for (String line : (end < 0 ? text : text.substring(0, end)).split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    String received() {
        return received.toString(StandardCharsets.UTF_8);
    }

    private void pollInput() {
        if (closedByServer) {
            return;
        }
        byte[] buffer = new byte[8192];
        try {
            int read;
            while ((read = in.read(buffer)) > 0) {
                received.write(buffer, 0, read);
            }
            closedByServer = read < 0;
        } catch (SocketTimeoutException nothingYet) {
            // Nothing more has arrived yet.
        } catch (IOException reset) {
            closedByServer = true;
        }
    }

    @Override
    public void close() {
        if (trickle != null) {
            trickle.shutdownNow();
        }
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
