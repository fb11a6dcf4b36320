package com.reftab.scim.http;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.reftab.scim.auth.Admission;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads the request body on the request thread, within {@link BoundedBody}'s bounds, before the
 * request reaches a route. Routes run on a small shared worker pool; were they to read the body,
 * a few slow clients would hold every worker and stall every tenant. A chunked body over the
 * limit is refused with 413 as soon as it passes the limit, and a body that does not arrive in
 * time with 408; either way the connection is closed rather than drained.
 */
class BoundedBodyFilter extends OncePerRequestFilter {

    private static final Set<String> WITH_BODY = Set.of("POST", "PUT", "PATCH");

    private final BoundedBody bounds;
    private final ServletReplyWriter replies;

    BoundedBodyFilter(BoundedBody bounds, ObjectMapper mapper) {
        this.bounds = bounds;
        this.replies = new ServletReplyWriter(mapper);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!WITH_BODY.contains(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        if (Admission.of(request).filter(Admission::isRefused).isPresent()) {
            // The route answers the refusal without looking at the body.
            chain.doFilter(new BodyInMemory(request, new byte[0]), response);
            return;
        }
        byte[] body;
        try {
            body = bounds.read(request.getInputStream());
        } catch (BoundedBody.Refused refused) {
            CloseWithoutDrainingValve.markBodyRefused(request);
            replies.send(response, ErrorReplyWriter.errorReply(refused.status(), null, refused.getMessage())
                    .withHeader("Connection", "close"));
            return;
        }
        if (!isWellFormed(body, request.getCharacterEncoding())) {
            replies.send(response, ErrorReplyWriter.errorReply(400, "invalidSyntax",
                    "The request body is not valid UTF-8 text."));
            return;
        }
        chain.doFilter(new BodyInMemory(request, body), response);
    }

    /** JSON is UTF-8 (RFC 8259); decoding leniently would store replacement characters in the directory. */
    static boolean isWellFormed(byte[] body, String encoding) {
        if (encoding != null && !StandardCharsets.UTF_8.name().equalsIgnoreCase(encoding.trim())) {
            return true;
        }
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** The request with its body already read. */
    private static final class BodyInMemory extends HttpServletRequestWrapper {

        private final byte[] body;

        BodyInMemory(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return in.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("The body was read before the request reached the route.");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }
}
