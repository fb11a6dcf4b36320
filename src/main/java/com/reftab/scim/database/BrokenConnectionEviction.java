package com.reftab.scim.database;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;

import com.zaxxer.hikari.SQLExceptionOverride;

/**
 * Tells the connection pool to drop a connection whose driver reports it broken by its exception
 * type. The pool recognises PostgreSQL's broken connections by SQLSTATE (08xxx, 57P0x), but not
 * H2's (90067 connection broken, 90121 database closed): it kept those connections, and one in
 * frequent use (the outbox relay polls every 100 ms) is never re-validated, so the service did not
 * recover after the database came back.
 */
public class BrokenConnectionEviction implements SQLExceptionOverride {

    @java.lang.Override
    public SQLExceptionOverride.Override adjudicate(SQLException failure) {
        return failure instanceof SQLNonTransientConnectionException
                ? SQLExceptionOverride.Override.MUST_EVICT : SQLExceptionOverride.Override.CONTINUE_EVICT;
    }
}
