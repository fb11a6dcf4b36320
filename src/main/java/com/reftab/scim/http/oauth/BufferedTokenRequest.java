package com.reftab.scim.http.oauth;

import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.reftab.scim.http.BodyInMemory;
import jakarta.servlet.http.HttpServletRequest;

/**
 * A token request whose body was already read within its bounds: the stream, the reader and the
 * parameters (query string, then a form body) are all served from the buffered bytes, so nothing
 * downstream waits on the client again.
 */
final class BufferedTokenRequest extends BodyInMemory {

    private final Map<String, String[]> parameters;

    BufferedTokenRequest(HttpServletRequest request, byte[] body) {
        super(request, body);
        this.parameters = parse(request, body);
    }

    @Override
    public String getParameter(String name) {
        String[] values = parameters.get(name);
        return values == null ? null : values[0];
    }

    @Override
    public Map<String, String[]> getParameterMap() {
        return parameters;
    }

    @Override
    public Enumeration<String> getParameterNames() {
        return Collections.enumeration(parameters.keySet());
    }

    @Override
    public String[] getParameterValues(String name) {
        String[] values = parameters.get(name);
        return values == null ? null : values.clone();
    }

    private static Map<String, String[]> parse(HttpServletRequest request, byte[] body) {
        Map<String, List<String>> collected = new LinkedHashMap<>();
        Charset charset = charset(request.getCharacterEncoding());
        add(collected, request.getQueryString(), StandardCharsets.UTF_8);
        String contentType = request.getContentType();
        if (contentType != null && contentType.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
            add(collected, new String(body, charset), charset);
        }
        Map<String, String[]> parameters = new LinkedHashMap<>();
        collected.forEach((name, values) -> parameters.put(name, values.toArray(String[]::new)));
        return Collections.unmodifiableMap(parameters);
    }

    private static void add(Map<String, List<String>> collected, String encoded, Charset charset) {
        if (encoded == null || encoded.isEmpty()) {
            return;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), charset);
                String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), charset);
                collected.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            } catch (IllegalArgumentException malformed) {
                // A malformed pair is dropped, as the servlet container drops it.
            }
        }
    }
}
