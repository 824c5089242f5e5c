-- An import writes every index of contact for every row, so contact keeps only the indexes its queries need.
-- contact_tenant_list (tenant_id, list_id, external_id) and contact_tenant_list_status (tenant_id, list_id, status)
-- served the same queries: a list's contacts, in external id order for pages, and by status for counts and the
-- hopper's enrolment (status = 'ACTIVE'). One index now does both: the list's contacts in external id order, with the
-- status carried in the index (INCLUDE), so a filter or count by status reads no table row it does not return.
-- Four indexes remain: the primary key, (tenant_id, external_id) for upserts, this one, and (tenant_id, updated_at)
-- for the hopper's incremental enrolment.
DROP INDEX contact_tenant_list_status;
DROP INDEX contact_tenant_list;
CREATE INDEX contact_tenant_list ON contact (tenant_id, list_id, external_id) INCLUDE (status);
