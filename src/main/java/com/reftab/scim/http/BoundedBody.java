package com.reftab.scim.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * Reads a request body into memory within a size and a time bound. Tomcat's connection timeout
 * only bounds each wait for the next bytes, so a client trickling one byte at a time could keep
 * a request thread for ever; the time bound here covers the whole body. Past either bound the read
 * stops at once: nothing beyond the limit is read or kept.
 */
public final class BoundedBody {

    /** Why a body was not read: the status and SCIM detail to answer with. */
    public static final class Refused extends IOException {

        private final int status;

        Refused(int status, String detail, Throwable cause) {
            super(detail, cause);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final long maxBytes;
    private final Duration timeAllowed;
    private final InstantSource clock;

    public BoundedBody(long maxBytes, Duration timeAllowed, InstantSource clock) {
        this.maxBytes = maxBytes;
        this.timeAllowed = timeAllowed;
        this.clock = clock;
    }

    /**
     * @throws Refused 413 past the size limit, 408 when the body takes longer than allowed or the
     *         client stops sending; any other IOException means the client went away
     */
    public byte[] read(InputStream in) throws IOException {
        Instant deadline = clock.instant().plus(timeAllowed);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        while (true) {
            if (clock.instant().isAfter(deadline)) {
                throw tooSlow(null);
            }
            int read;
            try {
                read = in.read(chunk, 0, (int) Math.min(chunk.length, maxBytes - body.size() + 1));
            } catch (IOException e) {
                if (causedByTimeout(e)) {
                    throw tooSlow(e);
                }
                throw e;
            }
            if (read < 0) {
                return body.toByteArray();
            }
            body.write(chunk, 0, read);
            if (body.size() > maxBytes) {
                throw new Refused(413, "The request body is larger than " + maxBytes + " bytes.", null);
            }
        }
    }

    private Refused tooSlow(Throwable cause) {
        return new Refused(408, "The request body did not arrive within " + timeAllowed.toSeconds() + " s.", cause);
    }

    private static boolean causedByTimeout(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }
}
