-- One outbox relay publishes at a time, whatever the number of instances: the holder of this
-- lease. It is renewed on every poll and taken over by another instance once it has expired.
create table relay_lease (
    name        varchar(64)  primary key,
    owner       varchar(64),
    expires_at  timestamp with time zone not null
);
insert into relay_lease (name, owner, expires_at) values ('outbox', null, timestamp '1970-01-01 00:00:00');
