package com.reftab.scim.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

import com.reftab.scim.auth.Admission;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads the request body on the request thread, within {@link BoundedBody}'s bounds, before the
 * request reaches a route, and only for a request that was admitted ({@link Admission}): its
 * token, rate and in-flight bound were checked first, so reading a body always happens inside a
 * tenant's bound. Routes then run on the same thread with the body in memory; were they to read
 * it, a slow client would hold its thread for the whole route, past the body's own bound. A
 * chunked body over the limit is refused with 413 as soon as it passes the limit, and a body that
 * does not arrive in time with 408; either way the connection is closed rather than drained. A body sent with a method that
 * takes none is read within the same bounds, so nothing is left for the web server to drain
 * after the route's answer.
 */
class BoundedBodyFilter extends OncePerRequestFilter {

    private static final Set<String> WITH_BODY = Set.of("POST", "PUT", "PATCH");

    private final BoundedBody bounds;
    private final ServletReplyWriter replies;

    BoundedBodyFilter(BoundedBody bounds, ServletReplyWriter replies) {
        this.bounds = bounds;
        this.replies = replies;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<Admission> admission = AdmittedRequests.of(request);
        if (admission.isEmpty()) {
            // Every path this filter covers is admitted first; were one not, its body stays unread.
            replies.refuse(request, response, ErrorReplyWriter.errorReply(401, null,
                    "A valid bearer token is required: send 'Authorization: Bearer <token>'."), null);
            return;
        }
        String tenantId = admission.get().tenantId();
        if (!WITH_BODY.contains(request.getMethod()) && !declaresBody(request)) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body;
        try {
            body = bounds.read(request.getInputStream());
        } catch (BoundedBody.Refused refused) {
            replies.refuse(request, response, ErrorReplyWriter.errorReply(refused.status(), null, refused.getMessage()),
                    tenantId);
            return;
        }
        if (!isWellFormed(body, request.getCharacterEncoding())) {
            replies.send(request, response, ErrorReplyWriter.errorReply(400, "invalidSyntax",
                    "The request body is not valid UTF-8 text."), tenantId);
            return;
        }
        chain.doFilter(new BodyInMemory(request, body), response);
    }

    private static boolean declaresBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
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
}
