package com.reftab.scim.protocol.filter;

/**
 * Whether every value filter's {@code [} of a filter or path is closed by its {@code ]}, brackets
 * inside quoted strings aside. The SCIM SDK's parser reads {@code emails[type eq "work"} as if the
 * bracket were closed; RFC 7644's grammar does not, and neither does this service.
 */
public final class ValueFilterBrackets {

    private ValueFilterBrackets() {
    }

    public static boolean closed(String text) {
        int open = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == '[') {
                open++;
            } else if (c == ']' && --open < 0) {
                return false;
            }
        }
        return open == 0;
    }
}
