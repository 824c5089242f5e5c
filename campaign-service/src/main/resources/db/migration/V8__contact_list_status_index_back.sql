-- V7 dropped (tenant_id, list_id, status) to make imports cheaper (PostgreSQL CPU per imported row 29.2 -> 20.9 us),
-- but the hopper's enrolment reads a list's ACTIVE contacts through it: on a 1,000,000-contact list the first
-- enrolment took 24.7 s instead of 16.7 s and a steady tick 514 ms instead of 285 ms (HopperSelectionBench). A
-- campaign ticks all day and a list is imported once, so the hopper's index is back as it was.
CREATE INDEX contact_tenant_list_status ON contact (tenant_id, list_id, status);
