package com.reftab.scim.directory;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The one lock order of every write to a tenant's directory, which is where every write starts:
 *
 * <ol>
 *   <li>the tenant's row, taken here, before any row of the directory;</li>
 *   <li>the rows written: the user or group itself ({@code findForUpdate}, or its insert), then
 *       the rows it reaches (the groups of a user being deleted, the users a group's new members
 *       name, by the foreign keys of their member rows);</li>
 *   <li>the outbox, whose rows enter while the tenant's row is held to the commit, so the tenant's
 *       events are in commit order. A write through the directory appends its events without taking
 *       the row again ({@code Outbox.appendAfterDirectoryWrite}); a write that reaches the outbox
 *       without the directory takes it there ({@code Outbox.append}).</li>
 * </ol>
 *
 * <p>The directory takes (1) itself, inside {@code findForUpdate} and {@code insert}, so no write
 * path can lock a user or group without it: single requests, each operation of a Bulk request,
 * the admin API's group mappings. Before, writes locked their resource first and the tenant last,
 * while a Bulk request, whose operations commit 50 at a time, held the tenant from its first
 * operation and then locked the resources of the next ones; and a user's delete locked the user
 * and then its groups, while a member add locked the group and then (by foreign key) the user.
 * Such opposite orders deadlocked, and the database failed one of the writes (503). Taking the
 * tenant first makes a tenant's writes run one at a time; they already committed one at a time.
 * It also makes a member added while its user is deleted either see the user gone (400) or be
 * removed with the user, never a member row without a user.
 *
 * <p>Rolling back a Bulk operation's savepoint may release the tenant's row if that operation took
 * it first; the next operation takes it again before anything else, so the order still holds.
 */
final class TenantWriteLock {

    private final JdbcTemplate jdbc;

    TenantWriteLock(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Locks the tenant's row for the rest of the caller's transaction; in a transaction holding it
     * already, it only confirms. The same statement as the outbox's (an UPDATE of a non-key column,
     * not SELECT … FOR UPDATE), so on PostgreSQL it does not wait for the key-share locks that
     * inserting a user or group takes on its tenant.
     */
    void lock(String tenantId) {
        if (jdbc.update("update tenant set name = name where id = ?", tenantId) != 1) {
            throw new IllegalStateException("No tenant '" + tenantId + "'");
        }
    }
}
