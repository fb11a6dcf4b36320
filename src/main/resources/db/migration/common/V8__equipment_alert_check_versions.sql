-- A check names the change that asked for it: the user event's version (a deactivation or deletion)
-- or the item and loan version (a checkout). Until the account or the item's holding reflects that
-- version (its consumer is behind), the check waits, backing off, instead of deciding on old state;
-- waits counts how often, so a change that never arrives is dropped after a bound.
alter table equipment_alert_check add column user_version bigint;
alter table equipment_alert_check add column item_id varchar(128);
alter table equipment_alert_check add column loan_version bigint;
alter table equipment_alert_check add column waits integer default 0 not null;
