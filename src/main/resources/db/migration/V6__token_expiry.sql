-- A rotated token keeps working until its overlap ends, so Okta can be updated without failed pushes.
alter table api_token add column expires_at timestamp with time zone;
