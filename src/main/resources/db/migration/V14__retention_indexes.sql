-- Retention deletes dead letters and parked events by age, a small batch at a time; published
-- outbox events are found by the pending index, which leads with published_at.
create index dead_letter_event_parked_at on dead_letter_event (parked_at);
create index outbox_parked_event_parked_at on outbox_parked_event (parked_at);
