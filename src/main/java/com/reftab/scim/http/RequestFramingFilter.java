package com.reftab.scim.http;

import java.io.IOException;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies that are not JSON (415) or declare more than the limit (413) before the
 * web layer reads them: a form-encoded body would otherwise be parsed as form fields first.
 * JSON is {@code application/scim+json}, {@code application/json}, or no Content-Type at all
 * (Okta's own test sends none).
 */
public class RequestFramingFilter extends OncePerRequestFilter {

    private static final Set<String> WITH_BODY = Set.of("POST", "PUT", "PATCH");

    private final long maxBodyBytes;
    private final ServletReplyWriter replies;

    public RequestFramingFilter(long maxBodyBytes, ObjectMapper mapper) {
        this.maxBodyBytes = maxBodyBytes;
        this.replies = new ServletReplyWriter(mapper);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (WITH_BODY.contains(request.getMethod())) {
            if (!isJson(request.getContentType())) {
                refuse(response, 415, "Send the body as application/scim+json or application/json, not "
                        + request.getContentType() + ".");
                return;
            }
            if (request.getContentLengthLong() > maxBodyBytes) {
                // Closing is cheaper than reading a body that will not be used.
                CloseWithoutDrainingValve.markBodyRefused(request);
                replies.send(response, ErrorReplyWriter.errorReply(413, null,
                        "The request body is larger than " + maxBodyBytes + " bytes.").withHeader("Connection", "close"));
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

    private void refuse(HttpServletResponse response, int status, String detail) throws IOException {
        replies.send(response, ErrorReplyWriter.errorReply(status, null, detail));
    }
}
