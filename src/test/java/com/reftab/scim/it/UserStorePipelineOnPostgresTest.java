package com.reftab.scim.it;

import java.nio.file.Path;

/** {@link UserStorePipelineTest} on a PostgreSQL server of its own, whose outage the consumers meet differently. */
class UserStorePipelineOnPostgresTest extends UserStorePipelineTest {

    @Override
    StoppableDatabase startDatabase(Path directory) {
        return StoppablePostgres.startIn(directory);
    }
}
