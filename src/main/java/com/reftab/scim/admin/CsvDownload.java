package com.reftab.scim.admin;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A report's CSV written a chunk of rows at a time while the client downloads it, so memory holds
 * one chunk whatever the report's size: the header, then each chunk until the last. The first chunk
 * is read at once, while an outage can still be answered with its error (503); a failure once the
 * answer (200) has gone out ends the file with a line saying it is incomplete, rather than ending it
 * as though it were complete.
 */
final class CsvDownload {

    private static final Logger LOG = LoggerFactory.getLogger(CsvDownload.class);

    /** Rows of the report, and whether they are its last. */
    record Chunk(List<List<String>> rows, boolean last) {
    }

    /** Reads the report's next chunk, after the one it read before. */
    interface Chunks {
        Chunk next();
    }

    private final String report;
    private final String tenantId;
    private final List<String> columns;
    private final Chunks chunks;
    private byte[] firstRows;
    private boolean headerSent;
    private boolean ended;

    CsvDownload(String report, String tenantId, List<String> columns, Chunks chunks) {
        this.report = report;
        this.tenantId = tenantId;
        this.columns = columns;
        this.chunks = chunks;
        this.firstRows = rows();
    }

    /** The next part of the file, or null once it has all been written. */
    byte[] next() {
        if (!headerSent) {
            headerSent = true;
            return new SpreadsheetCsv().row(columns).text().getBytes(StandardCharsets.UTF_8);
        }
        if (firstRows != null) {
            byte[] rows = firstRows;
            firstRows = null;
            return rows.length == 0 ? next() : rows;
        }
        try {
            byte[] rows = rows();
            return rows.length == 0 ? null : rows;
        } catch (RuntimeException failed) {
            LOG.warn("The {} report of tenant {} was cut off: {}", report, tenantId, failed.toString());
            ended = true;
            return new SpreadsheetCsv().row(List.of("The report is incomplete: the user store could not be read."
                    + " Download it again.")).text().getBytes(StandardCharsets.UTF_8);
        }
    }

    private byte[] rows() {
        if (ended) {
            return new byte[0];
        }
        Chunk chunk = chunks.next();
        ended = chunk.last();
        SpreadsheetCsv csv = new SpreadsheetCsv();
        chunk.rows().forEach(csv::row);
        return csv.text().getBytes(StandardCharsets.UTF_8);
    }
}
