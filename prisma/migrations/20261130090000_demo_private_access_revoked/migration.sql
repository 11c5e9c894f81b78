-- Loading the demo used to set allow_private_targets on its six clients, which opened every
-- private range to them. The demo fleet is now reached as this server's own origin (the network
-- policy allows exactly that), so the flag is taken back from demo clients that got it that way:
-- still tagged "demo", and never granted it by an admin (no client.update audit row turning it on).
-- Each revocation is written to the audit log.
WITH revoked AS (
    UPDATE "clients" c SET "allow_private_targets" = false, "updated_at" = CURRENT_TIMESTAMP
    WHERE c."allow_private_targets"
      AND 'demo' = ANY(c."tags")
      AND c."client_id" IN ('tnt-limousine-001', 'brightsmile-dental-001', 'northwind-outfitters-001',
                            'harper-cole-law-001', 'swift-freight-001', 'keystone-realty-001')
      AND NOT EXISTS (
          SELECT 1 FROM "audit_logs" a
          WHERE a."action" = 'client.update' AND a."target_id" = c."client_id"
            AND a."summary" -> 'after' ->> 'allow_private_targets' = 'true'
      )
    RETURNING c."client_id"
)
INSERT INTO "audit_logs" ("actor_type", "actor_label", "action", "target_type", "target_id", "success", "summary")
SELECT 'system', 'migration 20261130090000_demo_private_access_revoked', 'client.update', 'client', r."client_id", true,
       jsonb_build_object(
           'before', jsonb_build_object('allow_private_targets', true),
           'after', jsonb_build_object('allow_private_targets', false),
           'reason', 'set by an earlier demo load; the demo fleet is now reached as this server''s own origin'
       )
FROM revoked r;
