package com.reftab.scim.http;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sets the same response headers on every request it is registered for (security and caching
 * headers), before the request is handled, so an error answer carries them too.
 */
public class FixedResponseHeaders extends OncePerRequestFilter {

    private final Map<String, String> headers;

    public FixedResponseHeaders(Map<String, String> headers) {
        this.headers = Map.copyOf(headers);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        headers.forEach(response::setHeader);
        chain.doFilter(request, response);
    }
}
