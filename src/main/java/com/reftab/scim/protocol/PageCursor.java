package com.reftab.scim.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The opaque cursor of cursor-based paging (RFC 9865): where the previous page ended in creation
 * order. It does not expire; resources added meanwhile appear on later pages, none is seen twice.
 */
public final class PageCursor {

    private static final String PREFIX = "c1:";

    private PageCursor() {
    }

    public static String encode(long afterSeq) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((PREFIX + afterSeq).getBytes(StandardCharsets.UTF_8));
    }

    /** @return the position after which the page starts; 0 for the empty cursor that asks for the first page */
    public static long decode(String cursor) {
        if (cursor.isBlank()) {
            return 0;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor.trim()), StandardCharsets.UTF_8);
            if (text.startsWith(PREFIX)) {
                long seq = Long.parseLong(text.substring(PREFIX.length()));
                if (seq >= 0) {
                    return seq;
                }
            }
        } catch (IllegalArgumentException e) {
            // Not base64 or not a number: refused below like any other foreign cursor.
        }
        throw ScimException.badRequest("invalidCursor", "The cursor '" + cursor + "' was not issued by this service.");
    }
}
