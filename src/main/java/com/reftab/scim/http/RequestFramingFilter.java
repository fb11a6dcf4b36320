package com.reftab.scim.http;

import java.io.IOException;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies that are not JSON (415) or declare more than the limit (413) from the
 * headers alone, before anything reads them: a form-encoded body would otherwise be parsed as form
 * fields first. Either refusal closes the connection rather than reading a body that will not be
 * used. JSON is {@code application/scim+json}, {@code application/json}, or no Content-Type at
 * all (Okta's own test sends none).
 */
class RequestFramingFilter extends OncePerRequestFilter {

    private static final Set<String> WITH_BODY = Set.of("POST", "PUT", "PATCH");

    private final long maxBodyBytes;
    private final ServletReplyWriter replies;

    RequestFramingFilter(long maxBodyBytes, ServletReplyWriter replies) {
        this.maxBodyBytes = maxBodyBytes;
        this.replies = replies;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        RequestLog.started(request);
        if (WITH_BODY.contains(request.getMethod())) {
            if (!isJson(request.getContentType())) {
                replies.refuse(request, response, ErrorReplyWriter.errorReply(415, null,
                        "Send the body as application/scim+json or application/json, not " + request.getContentType() + "."),
                        null);
                return;
            }
            if (request.getContentLengthLong() > maxBodyBytes) {
                replies.refuse(request, response, ErrorReplyWriter.errorReply(413, null,
                        "The request body is larger than " + maxBodyBytes + " bytes."), null);
                return;
            }
        }
        chain.doFilter(request, response);
    }

    static boolean isJson(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return true;
        }
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return mediaType.equals("application/scim+json") || mediaType.equals("application/json");
    }
}
