package com.reftab.scim.admin;

import java.util.List;
import java.util.stream.Collectors;

/**
 * CSV (RFC 4180) that spreadsheets open safely: every value quoted (an empty one left empty), and a field that a spreadsheet
 * would run as a formula (a name pushed by the identity provider starting with {@code =}, {@code +},
 * {@code -}, {@code @}, tab or carriage return) prefixed with an apostrophe so it stays text.
 */
final class SpreadsheetCsv {

    private final StringBuilder text = new StringBuilder();

    SpreadsheetCsv row(List<String> fields) {
        text.append(fields.stream().map(SpreadsheetCsv::field).collect(Collectors.joining(","))).append("\r\n");
        return this;
    }

    String text() {
        return text.toString();
    }

    static String field(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return "\"" + safe.replace("\"", "\"\"") + "\"";
    }
}
