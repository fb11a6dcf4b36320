package com.reftab.scim.protocol;

import java.util.ArrayList;
import java.util.List;

/**
 * Conditional requests on a resource's version (RFC 7644 §3.14, RFC 7232 §3.1-3.2): whether an
 * {@code If-Match} or {@code If-None-Match} header names the current entity tag.
 *
 * <p>Comparison is weak (RFC 7232 §2.3.2): {@code W/"3"} and {@code "3"} are the same tag, because
 * the version is all a tag stands for here; a client may send back the {@code ETag} header or
 * {@code meta.version}, with or without {@code W/}. {@code *} matches any existing resource. An
 * absent or blank header is no condition. A header that is not a list of quoted tags is refused
 * rather than ignored: ignoring a garbled If-Match would turn a guarded write into a blind one.
 */
public final class EntityTags {

    private EntityTags() {
    }

    /** The entity tag of a resource's version, as {@code ETag} and {@code meta.version} carry it. */
    public static String of(long version) {
        return "W/\"" + version + "\"";
    }

    /** Refuses the write with 412 unless {@code ifMatch} is absent or names {@code current}. */
    public static void requireMatch(String ifMatch, String current) {
        if (isAbsent(ifMatch) || matches("If-Match", ifMatch, current)) {
            return;
        }
        throw new ScimException(412, null,
                "If-Match does not match the current version " + current + "; read the resource again and retry.");
    }

    /** Whether a read may answer 304: {@code ifNoneMatch} is present and names {@code current}. */
    public static boolean notModified(String ifNoneMatch, String current) {
        return !isAbsent(ifNoneMatch) && matches("If-None-Match", ifNoneMatch, current);
    }

    private static boolean isAbsent(String header) {
        return header == null || header.isBlank();
    }

    private static boolean matches(String headerName, String header, String current) {
        if (header.trim().equals("*")) {
            return true;
        }
        String currentOpaque = opaque(current);
        return parse(headerName, header).stream().anyMatch(currentOpaque::equals);
    }

    /** The quoted part of an entity tag, which is what weak comparison compares. */
    private static String opaque(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }

    /**
     * The opaque tags of {@code 1#entity-tag} (RFC 7232 §2.3), each with its quotes. A tag may
     * itself contain commas, so the list is scanned rather than split.
     */
    public static List<String> parse(String headerName, String header) {
        List<String> tags = new ArrayList<>();
        int i = 0;
        int n = header.length();
        while (i < n) {
            char c = header.charAt(i);
            if (c == ' ' || c == '\t' || c == ',') {
                i++;
                continue;
            }
            if ((c == 'W' || c == 'w') && i + 1 < n && header.charAt(i + 1) == '/') {
                i += 2;
            }
            int end = i < n && header.charAt(i) == '"' ? header.indexOf('"', i + 1) : -1;
            if (end < 0) {
                throw malformed(headerName);
            }
            tags.add(header.substring(i, end + 1));
            i = end + 1;
            if (i < n && header.charAt(i) != ',' && header.charAt(i) != ' ' && header.charAt(i) != '\t') {
                throw malformed(headerName);
            }
        }
        if (tags.isEmpty()) {
            throw malformed(headerName);
        }
        return tags;
    }

    // RFC 7644 §3.12 has no scimType for a request header; invalidSyntax and invalidValue speak of the body.
    private static ScimException malformed(String headerName) {
        return ScimException.badRequest(null, headerName
                + " must be * or a comma-separated list of entity tags as in the ETag header, e.g. W/\"3\".");
    }
}
